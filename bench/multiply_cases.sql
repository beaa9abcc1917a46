-- The by-hand 1 M run of bench/case_list.py: the demo cases seed_demo_cases wrote (any number up to
-- 1 000 000) copied in SQL until there are 1 000 000 (seeding alone ran at ~90 cases/s on a shared
-- machine; this takes minutes). Copy k shifts every id and number by k * 1 000 000 and each birth
-- date by k days and gets new certificate numbers and codes; names, statuses and times are the
-- seeded ones (the name pools a longer seeding would draw from). Written for the schema as of
-- intake 0003 and questionnaires 0008: migrate first.
--   psql -h 127.0.0.1 -p 5453 -U postgres case_list_1000000 -f bench/multiply_cases.sql
\set ON_ERROR_STOP on
\timing on
BEGIN;
CREATE TEMP TABLE base AS SELECT id FROM intake_case WHERE source_kind = 'demo';
CREATE TEMP TABLE copies AS
  SELECT k, CASE WHEN k * (SELECT count(*) FROM base) + (SELECT count(*) FROM base) <= 1000000
                 THEN (SELECT max(id) FROM base)
                 ELSE (SELECT id FROM base ORDER BY id OFFSET (1000000 - k * (SELECT count(*) FROM base)) - 1 LIMIT 1) END AS upto
  FROM generate_series(1, ceil(1000000.0 / (SELECT count(*) FROM base))::int - 1) AS k;
SELECT * FROM copies;
INSERT INTO questionnaires_answerset (id, data, language, created_at, updated_at, revision_id, updated_by_id, questionnaire_id, key_versions, version, answered)
  SELECT s.id + k * 1000000, s.data, s.language, s.created_at, s.updated_at, s.revision_id, s.updated_by_id, s.questionnaire_id, s.key_versions, s.version, s.answered
  FROM copies, intake_case c JOIN base USING (id) JOIN questionnaires_answerset s ON s.id = c.answer_set_id WHERE c.id <= copies.upto;
INSERT INTO intake_case (id, reference, year, number, surname, first_names, birth_date, nationality, language, status, source_kind, source_id, created_at, updated_at, status_changed_at, answer_set_id, assigned_clerk_id, search_text)
  SELECT c.id + k * 1000000, 'CS-' || c.year || '-' || (c.number + k * 1000000), c.year, c.number + k * 1000000,
         c.surname, c.first_names, c.birth_date + k, c.nationality, c.language, c.status, c.source_kind, c.source_id,
         c.created_at, c.updated_at, c.status_changed_at, c.answer_set_id + k * 1000000, c.assigned_clerk_id, c.search_text
  FROM copies, intake_case c JOIN base USING (id) WHERE c.id <= copies.upto;
INSERT INTO intake_casestatuschange (id, from_status, to_status, reason, changed_at, actor_id, case_id)
  SELECT h.id + k * 1000000, h.from_status, h.to_status, h.reason, h.changed_at, h.actor_id, h.case_id + k * 1000000
  FROM copies, intake_casestatuschange h JOIN base ON base.id = h.case_id WHERE h.case_id <= copies.upto;
INSERT INTO intake_releasecertificate (id, number, verification_code, status, holder_name, holder_birth_date, language, follow_up_appointment, issued_at, revoked_at, revoke_reason, case_id, issued_by_id, revoked_by_id, superseded_by_id)
  SELECT r.id + k * 1000000, 'FS-' || split_part(r.number, '-', 2) || '-' || (split_part(r.number, '-', 3)::int + k * 1000000),
         upper(substr(md5(r.verification_code || k), 1, 16)), r.status, r.holder_name, r.holder_birth_date + k, r.language,
         r.follow_up_appointment, r.issued_at, r.revoked_at, r.revoke_reason, r.case_id + k * 1000000, r.issued_by_id, r.revoked_by_id,
         r.superseded_by_id + k * 1000000
  FROM copies, intake_releasecertificate r JOIN base ON base.id = r.case_id WHERE r.case_id <= copies.upto;
SELECT setval(pg_get_serial_sequence(t, 'id'), (SELECT max(id) FROM intake_case)) FROM (VALUES ('intake_case')) v(t);
SELECT setval(pg_get_serial_sequence('questionnaires_answerset', 'id'), (SELECT max(id) FROM questionnaires_answerset));
SELECT setval(pg_get_serial_sequence('intake_casestatuschange', 'id'), (SELECT max(id) FROM intake_casestatuschange));
SELECT setval(pg_get_serial_sequence('intake_releasecertificate', 'id'), (SELECT max(id) FROM intake_releasecertificate));
UPDATE intake_sequence q SET value = m.value FROM (SELECT year, max(number) AS value FROM intake_case GROUP BY year) m WHERE q.name = 'case' AND q.year = m.year;
UPDATE intake_sequence q SET value = m.value FROM (SELECT split_part(number, '-', 2)::int AS year, max(split_part(number, '-', 3)::int) AS value FROM intake_releasecertificate GROUP BY 1) m WHERE q.name = 'certificate' AND q.year = m.year;
SELECT count(*) FROM intake_case WHERE source_kind = 'demo';
COMMIT;
ANALYZE;
