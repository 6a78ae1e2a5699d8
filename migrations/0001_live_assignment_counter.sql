-- item.live_assignments counts the assignments that hold one of the item's `overlap` slots
-- (leased, submitted, accepted). The trigger keeps it exact inside the same transaction as the
-- assignment change, and the check constraint item_live_assignments_within_overlap then makes
-- over-assignment impossible even for a buggy or concurrent writer: the UPDATE of the item row
-- also serialises competing writers on that row.
CREATE FUNCTION assignment_live_delta(status text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN status IN ('leased', 'submitted', 'accepted') THEN 1 ELSE 0 END $$;
--> statement-breakpoint
CREATE FUNCTION assignment_live_count() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF assignment_live_delta(NEW.status) <> 0 THEN
      UPDATE item SET live_assignments = live_assignments + 1 WHERE id = NEW.item_id;
    END IF;
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NEW.item_id <> OLD.item_id THEN
      RAISE EXCEPTION 'assignment.item_id is immutable' USING ERRCODE = 'check_violation', CONSTRAINT = 'assignment_item_immutable';
    END IF;
    IF assignment_live_delta(NEW.status) <> assignment_live_delta(OLD.status) THEN
      UPDATE item SET live_assignments = live_assignments + assignment_live_delta(NEW.status) - assignment_live_delta(OLD.status)
        WHERE id = NEW.item_id;
    END IF;
    RETURN NEW;
  ELSE
    IF assignment_live_delta(OLD.status) <> 0 THEN
      UPDATE item SET live_assignments = live_assignments - 1 WHERE id = OLD.item_id;
    END IF;
    RETURN OLD;
  END IF;
END $$;
--> statement-breakpoint
CREATE TRIGGER assignment_live_count
  AFTER INSERT OR UPDATE OF status, item_id OR DELETE ON assignment
  FOR EACH ROW EXECUTE FUNCTION assignment_live_count();
