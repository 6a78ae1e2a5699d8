-- Reliability-weighted aggregation: a per-project aggregation model, the project's method and
-- posterior threshold (escalate_below_agreement is dropped by the next migration), vote entropy
-- beside the posterior entropy, and indexes for re-aggregation and its triggers.
CREATE TABLE "aggregation_model" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"method" text NOT NULL,
	"labels" jsonb NOT NULL,
	"class_prior" jsonb NOT NULL,
	"pooled_confusion" jsonb NOT NULL,
	"labellers" jsonb NOT NULL,
	"labels_fitted" integer NOT NULL,
	"gold_items" integer NOT NULL,
	"iterations" integer NOT NULL,
	"converged" boolean NOT NULL,
	"fitted_at" timestamp with time zone NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "aggregation_method" text DEFAULT 'dawid-skene' NOT NULL;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "escalate_below_posterior" real DEFAULT 0.9 NOT NULL;--> statement-breakpoint
ALTER TABLE "aggregate" ADD COLUMN "vote_entropy" real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "aggregation_model" ADD CONSTRAINT "aggregation_model_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "batch_project_decided_idx" ON "batch" USING btree ("project_id","decided_at");--> statement-breakpoint
CREATE INDEX "assignment_uncounted_or_gold_idx" ON "assignment" USING btree ("id","status","is_gold") WHERE "assignment"."status" <> 'accepted' or "assignment"."is_gold";--> statement-breakpoint
CREATE INDEX "label_batch_idx" ON "label" USING btree ("batch_id");--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_aggregation_method_known" CHECK ("project"."aggregation_method" in ('dawid-skene', 'weighted', 'majority'));--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_escalate_below_posterior_range" CHECK ("project"."escalate_below_posterior" >= 0.5 and "project"."escalate_below_posterior" <= 1);--> statement-breakpoint
-- Aggregates written before this migration came from majority vote: their posterior was the vote
-- shares, so their disagreement already was the vote entropy.
UPDATE "aggregate" SET "vote_entropy" = "disagreement";--> statement-breakpoint
-- Re-aggregation rewrites many aggregates at once; free room in each page lets PostgreSQL update a
-- row in place (HOT: no new index entry), about twice as fast for a full rewrite.
ALTER TABLE "aggregate" SET (fillfactor = 50);