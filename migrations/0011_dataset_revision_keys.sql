-- Keys and constraints of the revision storage, now that 0010 has moved the data into it.
ALTER TABLE "dataset_row" ALTER COLUMN "project_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_row" ALTER COLUMN "valid_from" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantined_row" ALTER COLUMN "project_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantined_row" ALTER COLUMN "text_a" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantined_row" ALTER COLUMN "text_b" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantined_row" ALTER COLUMN "label" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_version_one_candidate" ON "dataset_version" USING btree ("project_id") WHERE "dataset_version"."status" = 'candidate';--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_row_one_open_per_item" ON "dataset_row" USING btree ("project_id","item_id") WHERE "dataset_row"."valid_to" = 2147483647;--> statement-breakpoint
CREATE INDEX "dataset_row_closed_idx" ON "dataset_row" USING btree ("project_id","valid_to","item_id") WHERE "dataset_row"."valid_to" <> 2147483647;--> statement-breakpoint
CREATE UNIQUE INDEX "quarantined_row_id_unique" ON "quarantined_row" USING btree ("id");--> statement-breakpoint
CREATE UNIQUE INDEX "quarantined_row_one_pending_per_item" ON "quarantined_row" USING btree ("item_id") WHERE "quarantined_row"."resolved_version_id" is null;--> statement-breakpoint
ALTER TABLE "dataset_row" DROP CONSTRAINT "dataset_row_pk";
--> statement-breakpoint
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_pk" PRIMARY KEY("project_id","item_id","valid_from");--> statement-breakpoint
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_interval" CHECK ("dataset_row"."valid_from" < "dataset_row"."valid_to");--> statement-breakpoint
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_split_known" CHECK ("dataset_row"."split" is null or "dataset_row"."split" in ('train', 'dev', 'test'));--> statement-breakpoint
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_origin_known" CHECK ("dataset_row"."origin" in ('merge', 'released', 'fixed'));--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD CONSTRAINT "quarantined_row_status_known" CHECK ("quarantined_row"."status" in ('open', 'released', 'fixed'));--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD CONSTRAINT "quarantined_row_open_is_pending" CHECK ("quarantined_row"."status" <> 'open' or "quarantined_row"."resolved_version_id" is null);