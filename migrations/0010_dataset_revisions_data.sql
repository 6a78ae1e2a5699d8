-- Dataset rows move from one copy per version to one revision per change (see
-- packages/db/src/schema/dataset-row.ts). 0009 added the columns; this moves the data and adds
-- the triggers; 0011 adds the keys and constraints the moved data now satisfies.

-- 1. At most one open candidate per project, on top of the lineage. The old merge let
--    candidates pile up (each on the previous one); only the newest live version survives as a
--    candidate, the others are rejected with a note saying why.
UPDATE "dataset_version" v
SET "status" = 'rejected', "decided_at" = now(),
    "decision_note" = 'superseded by a newer version (migration 0010: one open candidate per project)'
WHERE v."status" = 'candidate'
  AND EXISTS (SELECT 1 FROM "dataset_version" w WHERE w."project_id" = v."project_id" AND w."status" <> 'rejected' AND w."number" > v."number");
--> statement-breakpoint

-- 2. Rows of the lineage (every version not rejected, in number order) become revisions: one
--    per run of consecutive lineage versions holding the item with the same content. Rejected
--    versions keep their report and hash, no rows.
CREATE TEMP TABLE "m_lineage" AS
SELECT "id", "project_id", "number",
       row_number() OVER (PARTITION BY "project_id" ORDER BY "number") AS pos,
       lead("number") OVER (PARTITION BY "project_id" ORDER BY "number") AS next_number
FROM "dataset_version" WHERE "status" <> 'rejected';
--> statement-breakpoint
CREATE TEMP TABLE "m_runs" AS
WITH rows AS (
  SELECT r.*, l."project_id" AS p, l."number" AS n, l.pos, l.next_number,
         md5(concat_ws(E'\x1f', r."text_a", r."text_b", r."label", r."decided_by", r."provenance"::text)) AS content
  FROM "dataset_row" r JOIN "m_lineage" l ON l."id" = r."version_id"
), marked AS (
  SELECT rows.*, CASE WHEN lag(pos) OVER w = pos - 1 AND lag(content) OVER w = content THEN 0 ELSE 1 END AS starts
  FROM rows WINDOW w AS (PARTITION BY p, "item_id" ORDER BY pos)
), islands AS (
  SELECT marked.*, sum(starts) OVER (PARTITION BY p, "item_id" ORDER BY pos) AS island FROM marked
), bounds AS (
  SELECT p, "item_id", island, min(pos) AS first_pos, max(pos) AS last_pos FROM islands GROUP BY p, "item_id", island
)
SELECT f."version_id", f.p AS project_id, f."item_id", f.n AS valid_from,
       coalesce(l.next_number, 2147483647) AS valid_to,
       f."sample_id", f."external_id", f."text_a", f."text_b", f."label", f."decided_by", f."provenance"
FROM bounds b
JOIN islands f ON f.p = b.p AND f."item_id" = b."item_id" AND f.pos = b.first_pos
JOIN islands l ON l.p = b.p AND l."item_id" = b."item_id" AND l.pos = b.last_pos;
--> statement-breakpoint
DELETE FROM "dataset_row";
--> statement-breakpoint
-- The old provenance was { votes, expertNote, model: { label, version, probs } }; the export's
-- columns come from it, per project label, and the posterior and batches from the item as it is.
INSERT INTO "dataset_row" ("version_id", "project_id", "item_id", "valid_from", "valid_to", "sample_id", "external_id",
  "text_a", "text_b", "label", "decided_by", "origin", "agreement", "posterior", "votes", "model_label", "model_version",
  "model_probs", "expert_note", "batch_ids", "provenance")
SELECT m."version_id", m.project_id, m."item_id", m.valid_from, m.valid_to, m."sample_id", m."external_id",
  m."text_a", m."text_b", m."label", m."decided_by", 'merge',
  (SELECT max(v.n)::float8 / nullif(sum(v.n), 0) FROM (SELECT (e.value)::text::float8 AS n FROM jsonb_each(m."provenance"->'votes') e) v),
  (SELECT array_agg(coalesce((a."posterior"->>l.label)::float8, 0) ORDER BY l.ord) FROM "aggregate" a, jsonb_array_elements_text(p."labels") WITH ORDINALITY l(label, ord) WHERE a."item_id" = m."item_id"),
  CASE WHEN coalesce(m."provenance"->'votes', '{}'::jsonb) <> '{}'::jsonb THEN
    (SELECT array_agg(coalesce((m."provenance"->'votes'->>l.label)::int, 0) ORDER BY l.ord) FROM jsonb_array_elements_text(p."labels") WITH ORDINALITY l(label, ord)) END,
  m."provenance"->'model'->>'label', m."provenance"->'model'->>'version',
  CASE WHEN jsonb_typeof(m."provenance"->'model'->'probs') = 'object' THEN
    (SELECT array_agg(coalesce((m."provenance"->'model'->'probs'->>l.label)::float8, 0) ORDER BY l.ord) FROM jsonb_array_elements_text(p."labels") WITH ORDINALITY l(label, ord)) END,
  m."provenance"->>'expertNote',
  coalesce((SELECT array_agg(DISTINCT lb."batch_id" ORDER BY lb."batch_id") FROM "label" lb JOIN "assignment" a ON a."id" = lb."assignment_id"
            WHERE lb."item_id" = m."item_id" AND a."status" = 'accepted' AND NOT a."is_gold"), '{}'::uuid[]),
  m."provenance" || jsonb_build_object('migrated', true)
FROM "m_runs" m JOIN "project" p ON p."id" = m.project_id;
--> statement-breakpoint
DROP TABLE "m_runs";
--> statement-breakpoint
DROP TABLE "m_lineage";
--> statement-breakpoint

-- 3. Versions: counts and report in the new shape (splits are filled in by the first merge or
--    export after this migration, which also recounts), the quarantine of rejected versions
--    dropped (their items are merged again), the rest kept open with its reason.
UPDATE "dataset_version" v SET
  "report" = jsonb_build_object('findingCounts', '{}'::jsonb, 'quarantinedByCode', '{}'::jsonb, 'drift', '[]'::jsonb,
                                'findings', '[]'::jsonb, 'findingsTotal', 0, 'legacy', v."report"),
  "quarantined_count" = (SELECT count(*) FROM "quarantined_row" q WHERE q."version_id" = v."id");
--> statement-breakpoint
DELETE FROM "quarantined_row" q USING "dataset_version" v WHERE v."id" = q."version_id" AND v."status" = 'rejected';
--> statement-breakpoint
UPDATE "quarantined_row" q SET
  "project_id" = i."project_id", "text_a" = s."text_a", "text_b" = s."text_b", "label" = coalesce(i."final_label", ''),
  "codes" = ARRAY[CASE WHEN q."reason" LIKE '%is empty%' THEN 'empty_text'
                       WHEN q."reason" LIKE '%longer than%' THEN 'text_too_long'
                       WHEN q."reason" LIKE '%not in the label set%' THEN 'unknown_label'
                       ELSE 'broken_unicode' END],
  "details" = jsonb_build_array(jsonb_build_object('message', q."reason"))
FROM "item" i JOIN "sample" s ON s."id" = i."sample_id"
WHERE i."id" = q."item_id";
--> statement-breakpoint

-- 4. A revision's version: valid_from is its number and project_id its project. Filled in when
--    an insert leaves them out; checked for the whole statement when it gives them.
CREATE FUNCTION "dataset_row_fill_from_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."project_id" IS NULL OR NEW."valid_from" IS NULL THEN
    SELECT coalesce(NEW."project_id", v."project_id"), coalesce(NEW."valid_from", v."number")
      INTO NEW."project_id", NEW."valid_from" FROM "dataset_version" v WHERE v."id" = NEW."version_id";
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "dataset_row_fill_from_version" BEFORE INSERT ON "dataset_row"
  FOR EACH ROW EXECUTE FUNCTION "dataset_row_fill_from_version"();
--> statement-breakpoint
CREATE FUNCTION "dataset_row_matches_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows r JOIN "dataset_version" v ON v."id" = r."version_id"
             WHERE r."project_id" <> v."project_id" OR r."valid_from" <> v."number") THEN
    RAISE EXCEPTION 'a dataset row''s project and valid_from must be its version''s'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'dataset_row_matches_version';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "dataset_row_matches_version" AFTER INSERT ON "dataset_row"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "dataset_row_matches_version"();
--> statement-breakpoint

-- 5. Versions are immutable: a revision's content never changes. A merge may close it
--    (valid_to), a rejection reopen it, and a row migrated from before splits gets its split once.
CREATE FUNCTION "dataset_row_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW."project_id", NEW."item_id", NEW."version_id", NEW."valid_from", NEW."sample_id", NEW."external_id", NEW."text_a",
      NEW."text_b", NEW."label", NEW."decided_by", NEW."origin", NEW."agreement", NEW."posterior", NEW."votes", NEW."model_label",
      NEW."model_version", NEW."model_probs", NEW."expert_note", NEW."batch_ids", NEW."provenance", NEW."lsh_bands")
     IS DISTINCT FROM
     (OLD."project_id", OLD."item_id", OLD."version_id", OLD."valid_from", OLD."sample_id", OLD."external_id", OLD."text_a",
      OLD."text_b", OLD."label", OLD."decided_by", OLD."origin", OLD."agreement", OLD."posterior", OLD."votes", OLD."model_label",
      OLD."model_version", OLD."model_probs", OLD."expert_note", OLD."batch_ids", OLD."provenance", OLD."lsh_bands")
     OR (OLD."split" IS NOT NULL AND NEW."split" IS DISTINCT FROM OLD."split") THEN
    RAISE EXCEPTION 'dataset rows are immutable; only valid_to changes'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'dataset_row_immutable';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "dataset_row_immutable" BEFORE UPDATE ON "dataset_row"
  FOR EACH ROW EXECUTE FUNCTION "dataset_row_immutable"();
