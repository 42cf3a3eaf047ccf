-- SPDX-License-Identifier: MPL-2.0
-- The SQLite peer's load (scripts/bench.sh): the sqlite3 shell imports the case file into a
-- table of text columns, then indexes what the report filters and joins on. @FILE@ and @SEP@
-- are put in by bench.sh.
CREATE TABLE cases (
  case_id TEXT, inquiry_id TEXT, citizen TEXT, kind TEXT, role TEXT, main_case_id TEXT,
  received TEXT, matter_date TEXT, first_response TEXT, closed TEXT, unit TEXT, theme TEXT,
  action TEXT, resolution TEXT, admin_response TEXT, rejection_reason TEXT, legal_basis TEXT,
  legal_ref TEXT, kle TEXT, origin TEXT, channel TEXT, contact TEXT, note TEXT);
.mode csv
.separator "@SEP@"
.import --skip 1 @FILE@ cases
CREATE INDEX cases_received ON cases(received);
CREATE INDEX cases_main ON cases(main_case_id);
CREATE INDEX cases_citizen ON cases(citizen);
