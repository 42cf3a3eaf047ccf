-- SPDX-License-Identifier: MPL-2.0
-- The SQLite peer of scripts/bench.sh: the report's canonical figures (bench/peers/README.md)
-- as SQL, run by the sqlite3 shell over a table `cases` with the case file's columns. It runs
-- on the table the shell imported from the case file (load.sql) and, unchanged, on an ombuds
-- register (whose `cases` table has the same columns; citizens as pseudonyms there).
-- Absent values are '' after .import and NULL in a register: NULLIF(x, '') reads both.
-- The caller creates TEMP TABLE params(pfrom, pto, cfrom, cto, organisation, themes) first.
-- Everything this script creates is TEMP, so a register file is left as it was.

-- The organisation tree (each unit with itself and its ancestors) and the theme catalogue.
CREATE TEMP TABLE units AS
  SELECT json_extract(value, '$.code') AS code, json_extract(value, '$.parent') AS parent
  FROM json_each(readfile((SELECT organisation FROM params)), '$.units');
CREATE TEMP TABLE unit_up AS
  WITH RECURSIVE up(unit, node) AS (
    SELECT code, code FROM units
    UNION ALL
    SELECT up.unit, units.parent FROM up JOIN units ON units.code = up.node
    WHERE units.parent IS NOT NULL)
  SELECT unit, node FROM up;
-- The theme column holds a theme (its group follows) or, for a staff consultation, a group;
-- a code that names both (`other`) is the theme.
CREATE TEMP TABLE theme_map (code TEXT PRIMARY KEY, theme TEXT, grp TEXT);
INSERT INTO theme_map
  SELECT json_extract(t.value, '$.code'), json_extract(t.value, '$.code'),
         json_extract(g.value, '$.code')
  FROM json_each(readfile((SELECT themes FROM params)), '$.groups') AS g,
       json_each(g.value, '$.themes') AS t;
INSERT OR IGNORE INTO theme_map
  SELECT json_extract(g.value, '$.code'), NULL, json_extract(g.value, '$.code')
  FROM json_each(readfile((SELECT themes FROM params)), '$.groups') AS g;

-- The cases of both periods (by date received), with what the figures need.
CREATE TEMP TABLE pc AS
  SELECT CASE WHEN received BETWEEN (SELECT pfrom FROM params) AND (SELECT pto FROM params)
              THEN 'cur' ELSE 'cmp' END AS p,
         case_id, COALESCE(NULLIF(inquiry_id, ''), 'case:' || case_id) AS inquiry,
         NULLIF(citizen, '') AS citizen, kind, role, NULLIF(main_case_id, '') AS main,
         received, NULLIF(closed, '') AS closed, NULLIF(unit, '') AS unit,
         NULLIF(theme, '') AS theme, action, NULLIF(rejection_reason, '') AS reason
  FROM cases
  WHERE received BETWEEN (SELECT pfrom FROM params) AND (SELECT pto FROM params)
     OR received BETWEEN (SELECT cfrom FROM params) AND (SELECT cto FROM params);

CREATE TEMP TABLE vol AS
  SELECT p, COUNT(DISTINCT citizen) AS citizens, SUM(citizen IS NULL AND kind <> 'staff') AS anonymous_cases,
         COUNT(DISTINCT inquiry) AS inquiries, COUNT(*) AS cases,
         SUM(role = 'main') AS main_cases
  FROM pc GROUP BY p;
CREATE TEMP TABLE kinds AS
  SELECT p, json_group_object(kind || '.' || role, n) AS by_kind
  FROM (SELECT p, kind, role, COUNT(*) AS n FROM pc GROUP BY p, kind, role) GROUP BY p;
-- Closed cases count by closing date, over every case of the register.
CREATE TEMP TABLE closings AS
  SELECT SUM(NULLIF(closed, '') BETWEEN (SELECT pfrom FROM params) AND (SELECT pto FROM params))
           AS cur,
         SUM(NULLIF(closed, '') BETWEEN (SELECT cfrom FROM params) AND (SELECT cto FROM params))
           AS cmp,
         SUM(received <= (SELECT pto FROM params)
             AND (NULLIF(closed, '') IS NULL OR closed > (SELECT pto FROM params))) AS open_at_end
  FROM cases;

-- Units, themes and groups count the cases other than staff consultations.
CREATE TEMP TABLE org AS
  SELECT COALESCE(unit_up.node, '') AS code, SUM(pc.p = 'cur') AS n, SUM(pc.p = 'cmp') AS c
  FROM pc LEFT JOIN unit_up ON unit_up.unit = pc.unit
  WHERE pc.kind <> 'staff' GROUP BY 1;
CREATE TEMP TABLE th AS
  SELECT theme_map.theme AS theme, theme_map.grp AS grp, SUM(pc.p = 'cur') AS n,
         SUM(pc.p = 'cmp') AS c
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
  SELECT MIN(CAST(julianday(closed) - julianday(received) AS INTEGER), 4000) AS d
  FROM pc WHERE p = 'cur' AND closed IS NOT NULL AND closed >= received;
CREATE TEMP TABLE ranked AS SELECT d, ROW_NUMBER() OVER (ORDER BY d) AS k FROM days;
CREATE TEMP TABLE ranks AS
  SELECT n, CAST(0.9 * n AS INTEGER) + (0.9 * n > CAST(0.9 * n AS INTEGER)) AS r90
  FROM (SELECT COUNT(*) AS n FROM days);

SELECT json_object(
  'period', json_object('from', (SELECT pfrom FROM params), 'to', (SELECT pto FROM params)),
  'compare', json_object('from', (SELECT cfrom FROM params), 'to', (SELECT cto FROM params)),
  'volume', (SELECT json_object('citizens', citizens, 'anonymous_cases', anonymous_cases,
                                'inquiries', inquiries, 'cases', cases, 'main_cases', main_cases,
                                'closed', (SELECT cur FROM closings),
                                'by_kind', json((SELECT by_kind FROM kinds WHERE p = 'cur')))
             FROM vol WHERE p = 'cur'),
  'compare_volume', (SELECT json_object('citizens', citizens, 'anonymous_cases', anonymous_cases,
                                        'inquiries', inquiries, 'cases', cases,
                                        'main_cases', main_cases,
                                        'closed', (SELECT cmp FROM closings),
                                        'by_kind', json((SELECT by_kind FROM kinds WHERE p = 'cmp')))
                     FROM vol WHERE p = 'cmp'),
  'organisation', (SELECT json_group_object(code, json_array(n, c)) FROM org),
  'themes', (SELECT json_group_object(theme, json_array(n, c))
             FROM (SELECT theme, SUM(n) AS n, SUM(c) AS c FROM th WHERE theme IS NOT NULL
                   GROUP BY theme)),
  'theme_groups', (SELECT json_group_object(grp, json_array(n, c))
                   FROM (SELECT grp, SUM(n) AS n, SUM(c) AS c FROM th GROUP BY grp)),
  'actions', (SELECT json_group_object(k, n)
              FROM (SELECT kind || '.' || action AS k, COUNT(*) AS n FROM pc WHERE p = 'cur'
                    GROUP BY 1)),
  'rejections', (SELECT json_group_object(reason, n)
                 FROM (SELECT reason, COUNT(*) AS n FROM pc WHERE p = 'cur' AND reason IS NOT NULL
                       GROUP BY 1)),
  'followups', json_object(
      'main_cases', (SELECT COUNT(*) FROM per_main),
      'followups', (SELECT COALESCE(SUM(followups), 0) FROM per_main),
      'by_followups', (SELECT json_group_object(CAST(followups AS TEXT), n)
                       FROM (SELECT followups, COUNT(*) AS n FROM per_main GROUP BY 1))),
  'repeat', json_object(
      'citizens_by_inquiries', (SELECT json_group_object(CAST(inquiries AS TEXT), n)
                                FROM (SELECT inquiries, COUNT(*) AS n FROM per_citizen GROUP BY 1)),
      'citizens_by_cases', (SELECT json_group_object(CAST(cases AS TEXT), n)
                            FROM (SELECT cases, COUNT(*) AS n FROM per_citizen GROUP BY 1)),
      'repeat_citizens', (SELECT COUNT(*) FROM per_citizen WHERE inquiries > 1)),
  'closed_days', (SELECT json_object(
      'measured', n,
      'median', CASE WHEN n = 0 THEN NULL
                     WHEN n % 2 = 1 THEN (SELECT d * 1.0 FROM ranked WHERE k = n / 2 + 1)
                     ELSE (SELECT AVG(d * 1.0) FROM ranked WHERE k IN (n / 2, n / 2 + 1))
                END,
      'p90', CASE WHEN n = 0 THEN NULL
                  ELSE (SELECT d * 1.0 FROM ranked WHERE k = MAX(r90, 1)) END)
                  FROM ranks),
  'open_at_end', (SELECT open_at_end FROM closings)
);
