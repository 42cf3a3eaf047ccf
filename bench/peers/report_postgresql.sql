-- SPDX-License-Identifier: MPL-2.0
-- The PostgreSQL dialect of report.sql, block for block: keep the two in step (a change to one
-- is made to the other).
-- The report's canonical figures (bench/peers/README.md) as SQL on PostgreSQL: report.sql in
-- PostgreSQL's dialect, run by psql (scripts/bench_postgresql.sh) on an ombuds register's
-- `cases` table (the search path names its schema; citizens as pseudonyms there, absent values
-- NULL, dates as dates). psql variables: pfrom, pto, cfrom, cto (dates), organisation and themes (the JSON of
-- the configuration files). Everything it creates is TEMP, so the register is left as it was.

CREATE TEMP TABLE params AS
  SELECT :'pfrom'::date AS pfrom, :'pto'::date AS pto, :'cfrom'::date AS cfrom,
         :'cto'::date AS cto, :'organisation'::jsonb AS organisation, :'themes'::jsonb AS themes;

-- The organisation tree (each unit with itself and its ancestors) and the theme catalogue.
CREATE TEMP TABLE units AS
  SELECT u->>'code' AS code, u->>'parent' AS parent
  FROM params, jsonb_array_elements(organisation->'units') AS u;
CREATE TEMP TABLE unit_up AS
  WITH RECURSIVE up(unit, node) AS (
    SELECT code, code FROM units
    UNION ALL
    SELECT up.unit, units.parent FROM up JOIN units ON units.code = up.node
    WHERE units.parent IS NOT NULL)
  SELECT unit, node FROM up;
-- The theme column holds a theme (its group follows) or, for a staff consultation, a group;
-- a code that names both (`other`) is the theme.
CREATE TEMP TABLE theme_map (code text PRIMARY KEY, theme text, grp text);
INSERT INTO theme_map
  SELECT t->>'code', t->>'code', g->>'code'
  FROM params, jsonb_array_elements(themes->'groups') AS g, jsonb_array_elements(g->'themes') AS t;
INSERT INTO theme_map
  SELECT g->>'code', NULL, g->>'code'
  FROM params, jsonb_array_elements(themes->'groups') AS g
  ON CONFLICT (code) DO NOTHING;

-- The cases of both periods (by date received), with what the figures need.
CREATE TEMP TABLE pc AS
  SELECT CASE WHEN received BETWEEN (SELECT pfrom FROM params) AND (SELECT pto FROM params)
              THEN 'cur' ELSE 'cmp' END AS p,
         case_id, COALESCE(inquiry_id, 'case:' || case_id) AS inquiry,
         citizen, kind, role, main_case_id AS main, received, closed, unit, theme, action,
         rejection_reason AS reason
  FROM cases
  WHERE received BETWEEN (SELECT pfrom FROM params) AND (SELECT pto FROM params)
     OR received BETWEEN (SELECT cfrom FROM params) AND (SELECT cto FROM params);
ANALYZE pc;

CREATE TEMP TABLE vol AS
  SELECT p, COUNT(DISTINCT citizen) AS citizens,
         COUNT(*) FILTER (WHERE citizen IS NULL AND kind <> 'staff') AS anonymous_cases,
         COUNT(DISTINCT inquiry) AS inquiries, COUNT(*) AS cases,
         COUNT(*) FILTER (WHERE role = 'main') AS main_cases
  FROM pc GROUP BY p;
CREATE TEMP TABLE kinds AS
  SELECT p, jsonb_object_agg(kind || '.' || role, n) AS by_kind
  FROM (SELECT p, kind, role, COUNT(*) AS n FROM pc GROUP BY p, kind, role) AS k GROUP BY p;
-- Closed cases count by closing date, over every case of the register.
CREATE TEMP TABLE closings AS
  SELECT COUNT(*) FILTER (WHERE closed BETWEEN (SELECT pfrom FROM params)
                                           AND (SELECT pto FROM params)) AS cur,
         COUNT(*) FILTER (WHERE closed BETWEEN (SELECT cfrom FROM params)
                                           AND (SELECT cto FROM params)) AS cmp,
         COUNT(*) FILTER (WHERE received <= (SELECT pto FROM params)
                            AND (closed IS NULL OR closed > (SELECT pto FROM params)))
           AS open_at_end
  FROM cases;

-- Units, themes and groups count the cases other than staff consultations.
CREATE TEMP TABLE org AS
  SELECT COALESCE(unit_up.node, '') AS code, COUNT(*) FILTER (WHERE pc.p = 'cur') AS n,
         COUNT(*) FILTER (WHERE pc.p = 'cmp') AS c
  FROM pc LEFT JOIN unit_up ON unit_up.unit = pc.unit
  WHERE pc.kind <> 'staff' GROUP BY 1;
CREATE TEMP TABLE th AS
  SELECT theme_map.theme AS theme, theme_map.grp AS grp, COUNT(*) FILTER (WHERE pc.p = 'cur') AS n,
         COUNT(*) FILTER (WHERE pc.p = 'cmp') AS c
  FROM pc JOIN theme_map ON theme_map.code = pc.theme
  WHERE pc.kind <> 'staff' GROUP BY 1, 2;

-- Follow-ups per main case: the main cases received in the period, each with its follow-ups
-- received in the period.
CREATE TEMP TABLE per_main AS
  SELECT m.case_id, COUNT(f.case_id) AS followups
  FROM pc AS m LEFT JOIN pc AS f ON f.main = m.case_id AND f.p = 'cur' AND f.role = 'follow_up'
  WHERE m.p = 'cur' AND m.role = 'main' GROUP BY m.case_id;

CREATE TEMP TABLE per_citizen AS
  SELECT citizen, COUNT(*) AS cases, COUNT(DISTINCT inquiry) AS inquiries
  FROM pc WHERE p = 'cur' AND citizen IS NOT NULL GROUP BY citizen;

-- Days received -> closed; the median is the mean of the two middle values for an even
-- count, the 90th percentile the nearest rank (ceil(0.9 n), in floating point as ombuds does).
CREATE TEMP TABLE days AS
  SELECT LEAST(closed - received, 4000) AS d
  FROM pc WHERE p = 'cur' AND closed IS NOT NULL AND closed >= received;
CREATE TEMP TABLE ranked AS SELECT d, ROW_NUMBER() OVER (ORDER BY d) AS k FROM days;
CREATE TEMP TABLE ranks AS
  SELECT n, CEIL(0.9::float8 * n)::bigint AS r90 FROM (SELECT COUNT(*) AS n FROM days) AS c;

SELECT jsonb_build_object(
  'period', jsonb_build_object('from', (SELECT pfrom FROM params), 'to', (SELECT pto FROM params)),
  'compare', jsonb_build_object('from', (SELECT cfrom FROM params), 'to', (SELECT cto FROM params)),
  'volume', (SELECT jsonb_build_object('citizens', citizens, 'anonymous_cases', anonymous_cases,
                                       'inquiries', inquiries, 'cases', cases,
                                       'main_cases', main_cases,
                                       'closed', (SELECT cur FROM closings),
                                       'by_kind', (SELECT by_kind FROM kinds WHERE p = 'cur'))
             FROM vol WHERE p = 'cur'),
  'compare_volume', (SELECT jsonb_build_object('citizens', citizens,
                                               'anonymous_cases', anonymous_cases,
                                               'inquiries', inquiries, 'cases', cases,
                                               'main_cases', main_cases,
                                               'closed', (SELECT cmp FROM closings),
                                               'by_kind', (SELECT by_kind FROM kinds WHERE p = 'cmp'))
                     FROM vol WHERE p = 'cmp'),
  'organisation', (SELECT jsonb_object_agg(code, jsonb_build_array(n, c)) FROM org),
  'themes', (SELECT jsonb_object_agg(theme, jsonb_build_array(n, c))
             FROM (SELECT theme, SUM(n) AS n, SUM(c) AS c FROM th WHERE theme IS NOT NULL
                   GROUP BY theme) AS t),
  'theme_groups', (SELECT jsonb_object_agg(grp, jsonb_build_array(n, c))
                   FROM (SELECT grp, SUM(n) AS n, SUM(c) AS c FROM th GROUP BY grp) AS g),
  'actions', (SELECT jsonb_object_agg(k, n)
              FROM (SELECT kind || '.' || action AS k, COUNT(*) AS n FROM pc WHERE p = 'cur'
                    GROUP BY 1) AS a),
  'rejections', COALESCE((SELECT jsonb_object_agg(reason, n)
                          FROM (SELECT reason, COUNT(*) AS n FROM pc
                                WHERE p = 'cur' AND reason IS NOT NULL GROUP BY 1) AS r),
                         '{}'::jsonb),
  'followups', jsonb_build_object(
      'main_cases', (SELECT COUNT(*) FROM per_main),
      'followups', (SELECT COALESCE(SUM(followups), 0) FROM per_main),
      'by_followups', (SELECT jsonb_object_agg(followups::text, n)
                       FROM (SELECT followups, COUNT(*) AS n FROM per_main GROUP BY 1) AS f)),
  'repeat', jsonb_build_object(
      'citizens_by_inquiries', (SELECT jsonb_object_agg(inquiries::text, n)
                                FROM (SELECT inquiries, COUNT(*) AS n FROM per_citizen
                                      GROUP BY 1) AS i),
      'citizens_by_cases', (SELECT jsonb_object_agg(cases::text, n)
                            FROM (SELECT cases, COUNT(*) AS n FROM per_citizen GROUP BY 1) AS c),
      'repeat_citizens', (SELECT COUNT(*) FROM per_citizen WHERE inquiries > 1)),
  'closed_days', (SELECT jsonb_build_object(
      'measured', n,
      'median', CASE WHEN n = 0 THEN NULL
                     WHEN n % 2 = 1 THEN (SELECT d * 1.0 FROM ranked WHERE k = n / 2 + 1)
                     ELSE (SELECT AVG(d * 1.0) FROM ranked WHERE k IN (n / 2, n / 2 + 1))
                END,
      'p90', CASE WHEN n = 0 THEN NULL
                  ELSE (SELECT d * 1.0 FROM ranked WHERE k = GREATEST(r90, 1)) END)
                  FROM ranks),
  'open_at_end', (SELECT open_at_end FROM closings)
);
