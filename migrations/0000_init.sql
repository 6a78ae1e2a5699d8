CREATE TABLE "user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"paused_at" timestamp with time zone,
	"pause_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_role_known" CHECK ("user"."role" in ('labeller', 'expert', 'engineer')),
	CONSTRAINT "user_email_lower" CHECK ("user"."email" = lower("user"."email"))
);
--> statement-breakpoint
CREATE TABLE "session" (
	"sid" varchar PRIMARY KEY NOT NULL,
	"sess" json NOT NULL,
	"expire" timestamp (6) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"labels" jsonb NOT NULL,
	"overlap" integer DEFAULT 5 NOT NULL,
	"batch_size" integer DEFAULT 10 NOT NULL,
	"gold_ratio" real DEFAULT 0.1 NOT NULL,
	"min_gold_accuracy" real DEFAULT 0.5 NOT NULL,
	"min_seconds_per_item" real DEFAULT 1 NOT NULL,
	"escalate_below_agreement" real DEFAULT 0.8 NOT NULL,
	"open_item_budget" integer DEFAULT 100 NOT NULL,
	"lease_minutes" integer DEFAULT 15 NOT NULL,
	"max_text_length" integer DEFAULT 10000 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_overlap_range" CHECK ("project"."overlap" between 1 and 20),
	CONSTRAINT "project_batch_size_range" CHECK ("project"."batch_size" between 1 and 100),
	CONSTRAINT "project_gold_ratio_range" CHECK ("project"."gold_ratio" >= 0 and "project"."gold_ratio" <= 0.5)
);
--> statement-breakpoint
CREATE TABLE "project_member" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_member_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sample" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"text_a" text NOT NULL,
	"text_b" text NOT NULL,
	"model_label" text,
	"model_probs" jsonb NOT NULL,
	"model_version" text,
	"uncertainty" real NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gold_answer" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"sample_id" uuid NOT NULL,
	"status" text DEFAULT 'labelling' NOT NULL,
	"overlap" integer,
	"live_assignments" integer DEFAULT 0 NOT NULL,
	"final_label" text,
	"decided_by" text,
	"settled_at" timestamp with time zone,
	"selected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_status_known" CHECK ("item"."status" in ('labelling', 'escalated', 'settled', 'gold')),
	CONSTRAINT "item_live_assignments_within_overlap" CHECK ("item"."live_assignments" >= 0 and ("item"."overlap" is null or "item"."live_assignments" <= "item"."overlap")),
	CONSTRAINT "item_gold_has_no_overlap" CHECK (("item"."status" = 'gold') = ("item"."overlap" is null))
);
--> statement-breakpoint
CREATE TABLE "batch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"labeller_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"reasons" jsonb,
	"evidence" jsonb,
	CONSTRAINT "batch_status_known" CHECK ("batch"."status" in ('open', 'submitted', 'accepted', 'rejected', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"labeller_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'leased' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assignment_status_known" CHECK ("assignment"."status" in ('leased', 'submitted', 'accepted', 'rejected', 'expired'))
);
--> statement-breakpoint
CREATE TABLE "label" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"labeller_id" uuid NOT NULL,
	"value" text NOT NULL,
	"seconds" real NOT NULL,
	"client_ms" integer,
	"revisions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aggregate" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"posterior" jsonb NOT NULL,
	"votes" jsonb NOT NULL,
	"winner" text,
	"agreement" real NOT NULL,
	"disagreement" real NOT NULL,
	"label_count" integer NOT NULL,
	"outcome" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"claimed_by" uuid,
	"claim_expires_at" timestamp with time zone,
	"settled_by" uuid,
	"settled_at" timestamp with time zone,
	"label" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_status_known" CHECK ("review"."status" in ('queued', 'claimed', 'settled')),
	CONSTRAINT "review_claim_has_expert" CHECK ("review"."status" <> 'claimed' or ("review"."claimed_by" is not null and "review"."claim_expires_at" is not null)),
	CONSTRAINT "review_settled_has_label" CHECK ("review"."status" <> 'settled' or ("review"."label" is not null and "review"."settled_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "dataset_row" (
	"version_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sample_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"text_a" text NOT NULL,
	"text_b" text NOT NULL,
	"label" text NOT NULL,
	"decided_by" text NOT NULL,
	"provenance" jsonb NOT NULL,
	CONSTRAINT "dataset_row_pk" PRIMARY KEY("version_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "dataset_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"parent_id" uuid,
	"content_hash" text NOT NULL,
	"row_count" integer NOT NULL,
	"added_count" integer NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "dataset_version_status_known" CHECK ("dataset_version"."status" in ('candidate', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "quarantined_row" (
	"version_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quarantined_row_pk" PRIMARY KEY("version_id","item_id")
);
--> statement-breakpoint
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_member" ADD CONSTRAINT "project_member_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_member" ADD CONSTRAINT "project_member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sample" ADD CONSTRAINT "sample_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gold_answer" ADD CONSTRAINT "gold_answer_item_id_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item" ADD CONSTRAINT "item_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item" ADD CONSTRAINT "item_sample_id_sample_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."sample"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch" ADD CONSTRAINT "batch_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "batch" ADD CONSTRAINT "batch_labeller_id_user_id_fk" FOREIGN KEY ("labeller_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_item_id_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignment" ADD CONSTRAINT "assignment_labeller_id_user_id_fk" FOREIGN KEY ("labeller_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label" ADD CONSTRAINT "label_assignment_id_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label" ADD CONSTRAINT "label_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label" ADD CONSTRAINT "label_item_id_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label" ADD CONSTRAINT "label_labeller_id_user_id_fk" FOREIGN KEY ("labeller_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "aggregate" ADD CONSTRAINT "aggregate_item_id_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_item_id_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_claimed_by_user_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_settled_by_user_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_version_id_dataset_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."dataset_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_item_id_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_row" ADD CONSTRAINT "dataset_row_sample_id_sample_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."sample"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_version" ADD CONSTRAINT "dataset_version_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_version" ADD CONSTRAINT "dataset_version_parent_id_dataset_version_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."dataset_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_version" ADD CONSTRAINT "dataset_version_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD CONSTRAINT "quarantined_row_version_id_dataset_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."dataset_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quarantined_row" ADD CONSTRAINT "quarantined_row_item_id_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "user_email_unique" ON "user" USING btree ("email");--> statement-breakpoint
CREATE INDEX "session_expire_idx" ON "session" USING btree ("expire");--> statement-breakpoint
CREATE UNIQUE INDEX "api_token_hash_unique" ON "api_token" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_token_user_idx" ON "api_token" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sample_project_external_id_unique" ON "sample" USING btree ("project_id","external_id");--> statement-breakpoint
CREATE INDEX "sample_project_uncertainty_idx" ON "sample" USING btree ("project_id","uncertainty");--> statement-breakpoint
CREATE UNIQUE INDEX "item_sample_unique" ON "item" USING btree ("sample_id");--> statement-breakpoint
CREATE INDEX "item_project_status_idx" ON "item" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "batch_labeller_idx" ON "batch" USING btree ("labeller_id","created_at");--> statement-breakpoint
CREATE INDEX "batch_status_idx" ON "batch" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "batch_one_open_per_labeller" ON "batch" USING btree ("project_id","labeller_id") WHERE "batch"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_item_labeller_unique" ON "assignment" USING btree ("item_id","labeller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignment_batch_position_unique" ON "assignment" USING btree ("batch_id","position");--> statement-breakpoint
CREATE INDEX "assignment_item_status_idx" ON "assignment" USING btree ("item_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "label_assignment_unique" ON "label" USING btree ("assignment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "label_one_per_item_labeller" ON "label" USING btree ("item_id","labeller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_item_unique" ON "review" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "review_project_status_idx" ON "review" USING btree ("project_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_version_project_number_unique" ON "dataset_version" USING btree ("project_id","number");