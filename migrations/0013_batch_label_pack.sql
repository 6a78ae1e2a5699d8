ALTER TABLE "batch" ADD COLUMN "label_pack" "bytea" DEFAULT ''::bytea NOT NULL;--> statement-breakpoint
-- A batch's counted labels, packed (see batch.label_pack). Rebuilt from the assignments whenever
-- one of the batch's assignments enters or leaves 'accepted' (scoring, uncount, an engineer's
-- override or recount) or an accepted assignment's label is written, at the end of the statement,
-- so every path is covered.
CREATE OR REPLACE FUNCTION batch_label_pack(b_id uuid) RETURNS bytea
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(
           uuid_send(l.item_id)
           || int2send((((coalesce(array_position(pl.labels, l.value), 128) - 1) << 1) | a.is_gold::int)::int2),
           ''::bytea ORDER BY l.item_id), ''::bytea)
  FROM label l
  JOIN assignment a ON a.id = l.assignment_id
  CROSS JOIN (SELECT array(SELECT jsonb_array_elements_text(p.labels)) AS labels
              FROM batch b JOIN project p ON p.id = b.project_id WHERE b.id = b_id) pl
  WHERE l.batch_id = b_id AND a.status = 'accepted'
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION label_pack_refresh(batch_ids uuid[]) RETURNS void
LANGUAGE sql AS $$
  UPDATE batch b SET label_pack = p.pack
  FROM (SELECT id, batch_label_pack(id) AS pack FROM unnest(batch_ids) AS id) p
  WHERE b.id = p.id AND b.label_pack IS DISTINCT FROM p.pack
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION assignment_label_pack_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM label_pack_refresh(array(SELECT DISTINCT batch_id FROM new_rows WHERE status = 'accepted'));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION assignment_label_pack_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM label_pack_refresh(array(
    SELECT DISTINCT n.batch_id FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.status = 'accepted') IS DISTINCT FROM (o.status = 'accepted') OR (n.status = 'accepted' AND n.is_gold IS DISTINCT FROM o.is_gold)));
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- Labels change only while their assignment is leased (nothing to repack); these two keep the
-- packs right for any other writer too (fixtures, repairs, a cascade from a deleted item).
CREATE OR REPLACE FUNCTION label_label_pack_new() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM label_pack_refresh(array(
    SELECT DISTINCT n.batch_id FROM new_rows n JOIN assignment a ON a.id = n.assignment_id WHERE a.status = 'accepted'));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION label_label_pack_old() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM label_pack_refresh(array(
    SELECT DISTINCT o.batch_id FROM old_rows o JOIN assignment a ON a.id = o.assignment_id WHERE a.status = 'accepted'));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "assignment_label_pack_insert" AFTER INSERT ON "assignment"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assignment_label_pack_insert();--> statement-breakpoint
CREATE TRIGGER "assignment_label_pack_update" AFTER UPDATE ON "assignment"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assignment_label_pack_update();--> statement-breakpoint
CREATE TRIGGER "label_label_pack_insert" AFTER INSERT ON "label"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION label_label_pack_new();--> statement-breakpoint
CREATE TRIGGER "label_label_pack_update" AFTER UPDATE ON "label"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION label_label_pack_new();--> statement-breakpoint
CREATE TRIGGER "label_label_pack_delete" AFTER DELETE ON "label"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION label_label_pack_old();--> statement-breakpoint
UPDATE "batch" SET "label_pack" = batch_label_pack("id")
  WHERE EXISTS (SELECT 1 FROM "assignment" a WHERE a."batch_id" = "batch"."id" AND a."status" = 'accepted');--> statement-breakpoint
-- Packs number labels by their place in the project's label list: that list is fixed once the
-- project has samples (changing it would also change what every stored answer means).
CREATE OR REPLACE FUNCTION project_labels_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.labels IS DISTINCT FROM OLD.labels AND EXISTS (SELECT 1 FROM sample s WHERE s.project_id = NEW.id) THEN
    RAISE EXCEPTION 'the labels of a project with samples cannot change' USING ERRCODE = 'check_violation', CONSTRAINT = 'project_labels_fixed';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "project_labels_fixed" BEFORE UPDATE OF "labels" ON "project"
  FOR EACH ROW EXECUTE FUNCTION project_labels_fixed();
