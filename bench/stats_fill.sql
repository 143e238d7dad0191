-- Adds :rows synthetic dossiers (2021–2025, evenly spread) of the agency BENCH, derived columns included,
-- for the statistics benchmark. Run with: psql -v rows=5000000 -f bench/stats_fill.sql
INSERT INTO dossiers_dossier (
  created_at, updated_at, agency_id, code, procedure_id, channel, division_id, status,
  received_at, received_on, time_limit_value, time_limit_unit, supplement_count, computed_due_date,
  due_date, finished_at, finished_on, applicant_name, applicant_address, applicant_phone,
  applicant_email, extension_reason)
SELECT now(), now(), a.id, 'S-' || g, p.ids[1 + (g % array_length(p.ids, 1))],
  (ARRAY['direct', 'online', 'postal'])[1 + g % 3], NULL,
  CASE WHEN g % 10 < 8 THEN 10 WHEN g % 10 = 8 THEN 4 ELSE 2 END,
  r.at, (r.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 10, 'working_days', (g % 50 = 0)::int,
  (r.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 14, (r.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 14,
  CASE WHEN g % 10 < 8 THEN r.at + ((g % 19) || ' days')::interval END,
  CASE WHEN g % 10 < 8
       THEN ((r.at + ((g % 19) || ' days')::interval) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
  '', '', '', '', ''
FROM generate_series(1, :rows) AS g
CROSS JOIN (SELECT id FROM core_agency WHERE code = 'BENCH') AS a
CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM procedures_procedure
            WHERE agency_id = (SELECT id FROM core_agency WHERE code = 'BENCH')) AS p
CROSS JOIN LATERAL (
  SELECT timestamptz '2021-01-01 08:00+07' + (g * (5 * 365 * 86400.0 / :rows)) * interval '1 second' AS at
) AS r;
ANALYZE dossiers_dossier;
