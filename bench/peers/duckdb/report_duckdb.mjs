// SPDX-License-Identifier: MPL-2.0
// The DuckDB peer of scripts/bench.sh: the report's canonical figures (bench/peers/README.md)
// from the case file, with DuckDB (npm @duckdb/node-api, in memory, its default threads).
//
//   node report_duckdb.mjs FILE --from D --to D --compare-from D --compare-to D
//        --organisation ORG.json --themes THEMES.json [--sep ;] [--out OUT.json]
//
// Prints the canonical JSON (to OUT or stdout) and "load_s=... report_s=..." on stderr: load is
// read_csv into a table; report is the queries and the little that is left to do here (rolling
// unit counts up the tree, the median and 90th percentile from the histogram of days).
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

function parseArgs(argv) {
  const args = { sep: ';' };
  const names = {
    '--from': 'from', '--to': 'to', '--compare-from': 'compareFrom', '--compare-to': 'compareTo',
    '--organisation': 'organisation', '--themes': 'themes', '--sep': 'sep', '--out': 'out',
  };
  for (let i = 0; i < argv.length; i++) {
    if (names[argv[i]] && i + 1 < argv.length) args[names[argv[i]]] = argv[++i];
    else if (!args.file) args.file = argv[i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  for (const need of ['file', 'from', 'to', 'compareFrom', 'compareTo', 'organisation', 'themes']) {
    if (!args[need]) throw new Error(`missing ${need}`);
  }
  return args;
}

const dateRe = /^\d{4}-\d{2}-\d{2}$/;
const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

const COLUMNS = [
  ['case_id', 'VARCHAR'], ['inquiry_id', 'VARCHAR'], ['citizen', 'VARCHAR'], ['kind', 'VARCHAR'],
  ['role', 'VARCHAR'], ['main_case_id', 'VARCHAR'], ['received', 'DATE'], ['matter_date', 'DATE'],
  ['first_response', 'DATE'], ['closed', 'DATE'], ['unit', 'VARCHAR'], ['theme', 'VARCHAR'],
  ['action', 'VARCHAR'], ['resolution', 'VARCHAR'], ['admin_response', 'VARCHAR'],
  ['rejection_reason', 'VARCHAR'], ['legal_basis', 'VARCHAR'], ['legal_ref', 'VARCHAR'],
  ['kle', 'VARCHAR'], ['origin', 'VARCHAR'], ['channel', 'VARCHAR'], ['contact', 'VARCHAR'],
  ['note', 'VARCHAR'],
];

async function rows(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjects().map((row) => {
    const out = {};
    for (const [key, value] of Object.entries(row)) {
      out[key] = typeof value === 'bigint' ? Number(value) : value;
    }
    return out;
  });
}

function volume(vol, kinds, p, closed) {
  const v = vol.find((r) => r.p === p) ?? {};
  const byKind = {};
  for (const r of kinds) if (r.p === p && r.n) byKind[`${r.kind}.${r.role}`] = r.n;
  return {
    citizens: v.citizens ?? 0, anonymous_cases: v.anonymous_cases ?? 0,
    inquiries: v.inquiries ?? 0, cases: v.cases ?? 0, main_cases: v.main_cases ?? 0,
    closed, by_kind: byKind,
  };
}

function distribution(list, key) {
  const out = {};
  for (const r of list) if (r.n) out[String(r[key])] = r.n;
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  for (const d of [args.from, args.to, args.compareFrom, args.compareTo]) {
    if (!dateRe.test(d)) throw new Error(`not a date: ${d}`);
  }
  const organisation = JSON.parse(readFileSync(args.organisation, 'utf8'));
  const themes = JSON.parse(readFileSync(args.themes, 'utf8'));
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();

  const start = performance.now();
  const columns = COLUMNS.map(([name, type]) => `${quote(name)}: ${quote(type)}`).join(', ');
  await db.run(`CREATE TABLE cases AS SELECT * FROM read_csv(${quote(args.file)},
      delim = ${quote(args.sep)}, header = true, quote = '"', escape = '"',
      dateformat = '%Y-%m-%d', columns = {${columns}})`);
  const loaded = performance.now();

  const [pfrom, pto, cfrom, cto] = [args.from, args.to, args.compareFrom, args.compareTo]
    .map((d) => `DATE ${quote(d)}`);
  await db.run(`CREATE TEMP TABLE pc AS
      SELECT CASE WHEN received BETWEEN ${pfrom} AND ${pto} THEN 'cur' ELSE 'cmp' END AS p,
             case_id, COALESCE(inquiry_id, 'case:' || case_id) AS inquiry, citizen, kind, role,
             main_case_id AS main, received, closed, unit, theme, action, rejection_reason AS reason
      FROM cases
      WHERE received BETWEEN ${pfrom} AND ${pto} OR received BETWEEN ${cfrom} AND ${cto}`);
  const vol = await rows(db, `SELECT p, COUNT(DISTINCT citizen) AS citizens,
      COUNT(*) FILTER (WHERE citizen IS NULL AND kind <> 'staff') AS anonymous_cases,
      COUNT(DISTINCT inquiry) AS inquiries, COUNT(*) AS cases,
      COUNT(*) FILTER (WHERE role = 'main') AS main_cases FROM pc GROUP BY p`);
  const kinds = await rows(db, 'SELECT p, kind, role, COUNT(*) AS n FROM pc GROUP BY ALL');
  const [closings] = await rows(db, `SELECT
      COUNT(*) FILTER (WHERE closed BETWEEN ${pfrom} AND ${pto}) AS cur,
      COUNT(*) FILTER (WHERE closed BETWEEN ${cfrom} AND ${cto}) AS cmp,
      COUNT(*) FILTER (WHERE received <= ${pto} AND (closed IS NULL OR closed > ${pto})) AS open
      FROM cases`);
  const units = await rows(db,
    "SELECT p, unit, COUNT(*) AS n FROM pc WHERE kind <> 'staff' GROUP BY ALL");
  const themeRows = await rows(db,
    "SELECT p, theme, COUNT(*) AS n FROM pc WHERE kind <> 'staff' AND theme IS NOT NULL GROUP BY ALL");
  const actions = await rows(db,
    "SELECT kind, action, COUNT(*) AS n FROM pc WHERE p = 'cur' GROUP BY ALL");
  const rejections = await rows(db,
    "SELECT reason, COUNT(*) AS n FROM pc WHERE p = 'cur' AND reason IS NOT NULL GROUP BY ALL");
  const perMain = await rows(db, `WITH m AS (SELECT case_id FROM pc WHERE p = 'cur' AND role = 'main'),
      f AS (SELECT main, COUNT(*) AS n FROM pc WHERE p = 'cur' AND role = 'follow_up' GROUP BY main)
      SELECT COALESCE(f.n, 0) AS followups, COUNT(*) AS n
      FROM m LEFT JOIN f ON f.main = m.case_id GROUP BY ALL`);
  await db.run(`CREATE TEMP TABLE per_citizen AS SELECT citizen, COUNT(*) AS cases,
      COUNT(DISTINCT inquiry) AS inquiries FROM pc
      WHERE p = 'cur' AND citizen IS NOT NULL GROUP BY citizen`);
  const byInquiries = await rows(db, 'SELECT inquiries, COUNT(*) AS n FROM per_citizen GROUP BY ALL');
  const byCases = await rows(db, 'SELECT cases, COUNT(*) AS n FROM per_citizen GROUP BY ALL');
  const histogram = await rows(db, `SELECT LEAST(closed - received, 4000) AS d, COUNT(*) AS n
      FROM pc WHERE p = 'cur' AND closed IS NOT NULL AND closed >= received
      GROUP BY ALL ORDER BY d`);

  // Roll the unit counts up the organisation tree; cases without a unit are their own row.
  const parents = new Map(organisation.units.map((u) => [u.code, u.parent ?? null]));
  const org = {};
  for (const r of units) {
    const slot = r.p === 'cur' ? 0 : 1;
    if (r.unit === null) (org[''] ??= [0, 0])[slot] += r.n;
    for (let node = r.unit; node !== null && node !== undefined; node = parents.get(node)) {
      (org[node] ??= [0, 0])[slot] += r.n;
    }
  }
  // The theme column holds a theme or a group; a code naming both (`other`) is the theme.
  const themeOf = new Map();
  const groupOf = new Map();
  for (const g of themes.groups) groupOf.set(g.code, g.code);
  for (const g of themes.groups) {
    for (const t of g.themes) {
      themeOf.set(t.code, t.code);
      groupOf.set(t.code, g.code);
    }
  }
  const themeCounts = {};
  const groupCounts = {};
  for (const r of themeRows) {
    const slot = r.p === 'cur' ? 0 : 1;
    if (themeOf.has(r.theme)) (themeCounts[themeOf.get(r.theme)] ??= [0, 0])[slot] += r.n;
    (groupCounts[groupOf.get(r.theme)] ??= [0, 0])[slot] += r.n;
  }

  // Median: the mean of the two middle values for an even count; 90th percentile: nearest rank
  // ceil(0.9 n), in floating point as ombuds computes it.
  const measured = histogram.reduce((sum, r) => sum + r.n, 0);
  const valueAt = (rank) => {
    let seen = 0;
    for (const r of histogram) {
      seen += r.n;
      if (seen >= rank) return r.d;
    }
    return null;
  };
  let median = null;
  let p90 = null;
  if (measured > 0) {
    median = measured % 2 === 1 ? valueAt(Math.floor(measured / 2) + 1)
      : (valueAt(measured / 2) + valueAt(measured / 2 + 1)) / 2;
    p90 = valueAt(Math.max(Math.ceil(0.9 * measured), 1));
  }

  const mains = perMain.reduce((sum, r) => sum + r.n, 0);
  const followups = perMain.reduce((sum, r) => sum + r.n * r.followups, 0);
  const inquiriesDistribution = distribution(byInquiries, 'inquiries');
  const figures = {
    period: { from: args.from, to: args.to },
    compare: { from: args.compareFrom, to: args.compareTo },
    volume: volume(vol, kinds, 'cur', closings.cur),
    compare_volume: volume(vol, kinds, 'cmp', closings.cmp),
    organisation: org,
    themes: themeCounts,
    theme_groups: groupCounts,
    actions: Object.fromEntries(actions.filter((r) => r.n).map((r) => [`${r.kind}.${r.action}`, r.n])),
    rejections: Object.fromEntries(rejections.filter((r) => r.n).map((r) => [r.reason, r.n])),
    followups: {
      main_cases: mains, followups, by_followups: distribution(perMain, 'followups'),
    },
    repeat: {
      citizens_by_inquiries: inquiriesDistribution,
      citizens_by_cases: distribution(byCases, 'cases'),
      repeat_citizens: Object.entries(inquiriesDistribution)
        .filter(([k]) => Number(k) > 1).reduce((sum, [, n]) => sum + n, 0),
    },
    closed_days: { measured, median, p90 },
    open_at_end: closings.open,
  };
  const done = performance.now();

  const text = `${JSON.stringify(figures)}\n`;
  if (args.out) writeFileSync(args.out, text);
  else process.stdout.write(text);
  process.stderr.write(`load_s=${((loaded - start) / 1000).toFixed(3)} ` +
    `report_s=${((done - loaded) / 1000).toFixed(3)}\n`);
}

main().catch((error) => {
  process.stderr.write(`report_duckdb: ${error.message}\n`);
  process.exit(2);
});
