-- Expert review: decisions (label / ambiguous / invalid), the crowd's label at decision time,
-- excluded items, per-project pseudonym keys, and trigram search for similar settled items.
-- pg_trgm ships with PostgreSQL (contrib), the embedded one included.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "item" DROP CONSTRAINT "item_status_known";--> statement-breakpoint
ALTER TABLE "review" DROP CONSTRAINT "review_settled_has_label";--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "pseudonym_key" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "review" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "review" ADD COLUMN "crowd_label" text;--> statement-breakpoint
-- Reviews settled before decisions existed were label decisions; their crowd label is the
-- aggregate's winner (null on a tie), as the settle path records it from now on.
UPDATE "review" SET "decision" = 'label' WHERE "status" = 'settled';--> statement-breakpoint
UPDATE "review" r SET "crowd_label" = a."winner" FROM "aggregate" a WHERE a."item_id" = r."item_id" AND r."status" = 'settled';--> statement-breakpoint
CREATE INDEX "sample_text_trgm_idx" ON "sample" USING gin (("text_a" || ' ' || "text_b") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "review_settled_by_idx" ON "review" USING btree ("settled_by","settled_at");--> statement-breakpoint
ALTER TABLE "item" ADD CONSTRAINT "item_status_known" CHECK ("item"."status" in ('labelling', 'escalated', 'settled', 'excluded', 'gold'));--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_decision_known" CHECK ("review"."decision" is null or "review"."decision" in ('label', 'ambiguous', 'invalid'));--> statement-breakpoint
ALTER TABLE "review" ADD CONSTRAINT "review_settled_has_decision" CHECK ("review"."status" <> 'settled' or ("review"."settled_by" is not null and "review"."decision" is not null and ("review"."decision" = 'label') = ("review"."label" is not null)));