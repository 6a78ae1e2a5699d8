-- A gold assignment (the item served as a control, is_gold) never holds one of the item's overlap
-- slots: gold is shown to every labeller, and an item settled by an expert can become gold while
-- its own labels stay counted. The live counter now counts only non-gold assignments.
-- Assignments made before this migration to gold items were controls; the old trigger does not
-- fire on is_gold, and the new one would refuse the change.
UPDATE assignment SET is_gold = true WHERE item_id IN (SELECT id FROM item WHERE status = 'gold');
--> statement-breakpoint
UPDATE item SET live_assignments = 0 WHERE status = 'gold';
--> statement-breakpoint
CREATE OR REPLACE FUNCTION assignment_live_count() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  old_live integer := 0;
  new_live integer := 0;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.is_gold THEN old_live := assignment_live_delta(OLD.status); END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NOT NEW.is_gold THEN new_live := assignment_live_delta(NEW.status); END IF;
  IF TG_OP = 'UPDATE' AND (NEW.item_id <> OLD.item_id OR NEW.is_gold <> OLD.is_gold) THEN
    RAISE EXCEPTION 'assignment.item_id and assignment.is_gold are immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'assignment_item_immutable';
  END IF;
  IF new_live <> old_live THEN
    UPDATE item SET live_assignments = live_assignments + new_live - old_live
      WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.item_id ELSE NEW.item_id END;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
--> statement-breakpoint
DROP TRIGGER assignment_live_count ON assignment;
--> statement-breakpoint
CREATE TRIGGER assignment_live_count
  AFTER INSERT OR UPDATE OF status, item_id, is_gold OR DELETE ON assignment
  FOR EACH ROW EXECUTE FUNCTION assignment_live_count();
