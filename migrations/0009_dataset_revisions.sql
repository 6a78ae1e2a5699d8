ALTER TABLE "project" ADD COLUMN "split_ratios" jsonb DEFAULT '{"train":0.8,"dev":0.1,"test":0.1}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "near_duplicate_threshold" real DEFAULT 0.9 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "label_drift_threshold" real DEFAULT 0.1 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "symmetric_pairs" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "valid_from" integer;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "valid_to" integer DEFAULT 2147483647 NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "split" text;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "origin" text DEFAULT 'merge' NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "agreement" double precision;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "posterior" double precision[];--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "votes" integer[];--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "model_label" text;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "model_version" text;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "model_probs" double precision[];--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "expert_note" text;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "batch_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD COLUMN "lsh_bands" integer[];--> statement-breakpoint
ALTER TABLE "dataset_version" ADD COLUMN "removed_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_version" ADD COLUMN "relabelled_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_version" ADD COLUMN "quarantined_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_version" ADD COLUMN "counts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "dataset_version" ADD COLUMN "settings" jsonb;--> statement-breakpoint
ALTER TABLE "dataset_version" ADD COLUMN "card_figures" jsonb;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "project_id" uuid;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "text_a" text;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "text_b" text;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "label" text;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "details" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "fix" jsonb;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD COLUMN "resolved_version_id" uuid;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD CONSTRAINT "quarantined_row_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD CONSTRAINT "quarantined_row_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD CONSTRAINT "quarantined_row_resolved_version_id_dataset_version_id_fk" FOREIGN KEY ("resolved_version_id") REFERENCES "public"."dataset_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_near_duplicate_threshold_range" CHECK ("project"."near_duplicate_threshold" >= 0.5 and "project"."near_duplicate_threshold" <= 1);--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_label_drift_threshold_range" CHECK ("project"."label_drift_threshold" >= 0.01 and "project"."label_drift_threshold" <= 1);