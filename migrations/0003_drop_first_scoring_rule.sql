ALTER TABLE "project" DROP COLUMN "min_gold_accuracy";--> statement-breakpoint
ALTER TABLE "project" DROP COLUMN "min_seconds_per_item";