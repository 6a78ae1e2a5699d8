CREATE TABLE "labeller_reliability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"labeller_id" uuid NOT NULL,
	"batch_id" uuid,
	"accuracy" real NOT NULL,
	"low" real NOT NULL,
	"high" real NOT NULL,
	"evidence_count" integer NOT NULL,
	"spam_prior" real NOT NULL,
	"confusion" jsonb,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appeal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"labeller_id" uuid NOT NULL,
	"message" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution_note" text,
	CONSTRAINT "appeal_status_known" CHECK ("appeal"."status" in ('open', 'upheld', 'dismissed'))
);
--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "min_accuracy" real DEFAULT 0.7 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "reject_above" real DEFAULT 0.9 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "accept_below" real DEFAULT 0.3 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "max_wait_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "reading_time_scale" real DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "gold_from_consensus" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "batch" ADD COLUMN "posterior_spam" real;--> statement-breakpoint
ALTER TABLE "batch" ADD COLUMN "overridden_by" uuid;--> statement-breakpoint
ALTER TABLE "batch" ADD COLUMN "overridden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "batch" ADD COLUMN "override_note" text;--> statement-breakpoint
ALTER TABLE "assignment" ADD COLUMN "is_gold" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "labeller_reliability" ADD CONSTRAINT "labeller_reliability_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labeller_reliability" ADD CONSTRAINT "labeller_reliability_labeller_id_user_id_fk" FOREIGN KEY ("labeller_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labeller_reliability" ADD CONSTRAINT "labeller_reliability_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_batch_id_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."batch"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_labeller_id_user_id_fk" FOREIGN KEY ("labeller_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_resolved_by_user_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "labeller_reliability_latest_idx" ON "labeller_reliability" USING btree ("project_id","labeller_id","computed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "appeal_batch_unique" ON "appeal" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "appeal_project_status_idx" ON "appeal" USING btree ("project_id","status");--> statement-breakpoint
ALTER TABLE "batch" ADD CONSTRAINT "batch_overridden_by_user_id_fk" FOREIGN KEY ("overridden_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_spam_thresholds_ordered" CHECK ("project"."accept_below" < "project"."reject_above");