CREATE TABLE "sample_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sample_id" uuid NOT NULL,
	"text_a" text NOT NULL,
	"text_b" text NOT NULL,
	"model_label" text,
	"model_probs" jsonb NOT NULL,
	"predictions" jsonb,
	"model_version" text,
	"metadata" jsonb,
	"content_hash" text NOT NULL,
	"ingested_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "sample_project_uncertainty_idx";--> statement-breakpoint
DROP INDEX "sample_text_trgm_idx";--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "selection_strategy" text DEFAULT 'entropy' NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "select_per_run" integer DEFAULT 500 NOT NULL;--> statement-breakpoint
ALTER TABLE "sample" ADD COLUMN "predictions" jsonb;--> statement-breakpoint
ALTER TABLE "sample" ADD COLUMN "metadata" jsonb;--> statement-breakpoint
ALTER TABLE "sample" ADD COLUMN "model_confidence" real;--> statement-breakpoint
-- Until now uncertainty was least confidence, 1 − the top probability.
UPDATE "sample" SET "model_confidence" = 1 - "uncertainty";--> statement-breakpoint
ALTER TABLE "sample" ALTER COLUMN "model_confidence" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sample" ADD COLUMN "pair_key" text;--> statement-breakpoint
ALTER TABLE "sample" ADD COLUMN "content_hash" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sample" ADD COLUMN "pooled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
UPDATE "sample" s SET "pooled" = false WHERE EXISTS (SELECT 1 FROM "item" i WHERE i."sample_id" = s."id");--> statement-breakpoint
ALTER TABLE "sample" ADD COLUMN "skip_reason" text;--> statement-breakpoint
ALTER TABLE "sample" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "item" ADD COLUMN "selection_strategy" text;--> statement-breakpoint
ALTER TABLE "item" ADD COLUMN "selection_score" real;--> statement-breakpoint
ALTER TABLE "sample_revision" ADD CONSTRAINT "sample_revision_sample_id_sample_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."sample"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sample_revision_sample_idx" ON "sample_revision" USING btree ("sample_id","replaced_at");--> statement-breakpoint
CREATE INDEX "sample_pool_idx" ON "sample" USING btree ("project_id","uncertainty" DESC NULLS LAST,"id") WHERE "sample"."pooled";--> statement-breakpoint
CREATE INDEX "sample_project_pair_key_idx" ON "sample" USING btree ("project_id","pair_key");--> statement-breakpoint
CREATE INDEX "sample_text_trgm_idx" ON "sample" USING gin (("text_a" || ' ' || "text_b") gin_trgm_ops) WHERE not "sample"."pooled";--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_selection_strategy_known" CHECK ("project"."selection_strategy" in ('least_confidence', 'margin', 'entropy', 'variance', 'bald'));--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_select_per_run_range" CHECK ("project"."select_per_run" between 1 and 100000);--> statement-breakpoint
ALTER TABLE "sample" ADD CONSTRAINT "sample_skip_reason_known" CHECK ("sample"."skip_reason" is null or "sample"."skip_reason" in ('duplicate_pair', 'near_duplicate'));--> statement-breakpoint
ALTER TABLE "sample" ADD CONSTRAINT "sample_skipped_not_pooled" CHECK ("sample"."skip_reason" is null or not "sample"."pooled");--> statement-breakpoint
-- A sample that became an item has left the pool, whoever inserted the item (selection, gold
-- import, fixtures): the pool index and the similar-items index rely on it.
CREATE OR REPLACE FUNCTION item_unpools_sample() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "sample" SET "pooled" = false WHERE "id" = NEW."sample_id" AND "pooled";
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "item_unpools_sample" AFTER INSERT ON "item"
  FOR EACH ROW EXECUTE FUNCTION item_unpools_sample();
