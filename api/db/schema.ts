/** The reference store's schema. Plain SQL that better-sqlite3 and sql.js both run. */
export const SCHEMA_VERSION = 4;

export const SCHEMA = `
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS accounts (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  express_enabled INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS api_keys (
  key_hash   TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS customers (
  id         TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  name       TEXT NOT NULL,
  name_fold  TEXT NOT NULL,
  metadata   TEXT NOT NULL DEFAULT '{}',
  is_active  INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS customers_by_account ON customers(account_id, created_at, id);

CREATE TABLE IF NOT EXISTS users (
  id              TEXT PRIMARY KEY,
  account_id      TEXT NOT NULL REFERENCES accounts(id),
  email           TEXT NOT NULL,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('member', 'platform_admin')),
  status          TEXT NOT NULL CHECK (status IN ('invited', 'active')),
  invitation_hash TEXT UNIQUE,
  created_at      TEXT NOT NULL,
  UNIQUE (account_id, email)
);

CREATE TABLE IF NOT EXISTS memberships (
  customer_id TEXT NOT NULL REFERENCES customers(id),
  user_id     TEXT NOT NULL REFERENCES users(id),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (customer_id, user_id)
);
CREATE INDEX IF NOT EXISTS memberships_by_user ON memberships(user_id, customer_id);

CREATE TABLE IF NOT EXISTS studies (
  id                 TEXT PRIMARY KEY,
  account_id         TEXT NOT NULL REFERENCES accounts(id),
  customer_id        TEXT REFERENCES customers(id),
  study_instance_uid TEXT NOT NULL,
  study_description  TEXT NOT NULL,
  severity           TEXT NOT NULL CHECK (severity IN ('normal', 'high')),
  severity_rank      INTEGER NOT NULL,
  product            TEXT NOT NULL CHECK (product IN ('autoScribe', 'viewer')),
  report_metadata    TEXT NOT NULL DEFAULT '{}',
  scan_date          TEXT,
  patient_sort       TEXT,
  search_text        TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  UNIQUE (account_id, study_instance_uid)
);
-- One index per sort field and source (the account, or one customer), in list order. The
-- scan-date ones (the default sort) also hold search_text, so a search reads no table row.
CREATE INDEX IF NOT EXISTS studies_by_account_scan_text ON studies(account_id, scan_date, created_at, id, search_text);
CREATE INDEX IF NOT EXISTS studies_by_customer_scan_text ON studies(customer_id, scan_date, created_at, id, search_text);
CREATE INDEX IF NOT EXISTS studies_by_account_patient ON studies(account_id, patient_sort, created_at, id);
CREATE INDEX IF NOT EXISTS studies_by_customer_patient ON studies(customer_id, patient_sort, created_at, id);
CREATE INDEX IF NOT EXISTS studies_by_account_severity ON studies(account_id, severity_rank, created_at, id);
CREATE INDEX IF NOT EXISTS studies_by_customer_severity ON studies(customer_id, severity_rank, created_at, id);
CREATE INDEX IF NOT EXISTS studies_by_account_created ON studies(account_id, created_at, id);
CREATE INDEX IF NOT EXISTS studies_by_customer_created ON studies(customer_id, created_at, id);
-- The 3- and 5-grams of search_text for searches with rare matches live in study_grams, an FTS5
-- or FTS4 table that api/search-index.ts creates (rowid = studies.rowid). How many studies hold
-- each gram: the planner asks the index for the rarest ones only.
CREATE TABLE IF NOT EXISTS study_gram_counts (
  gram      TEXT PRIMARY KEY,
  documents INTEGER NOT NULL
) WITHOUT ROWID;

-- DICOM image instances of a study: the Part 10 file as uploaded, plus a few header tags.
CREATE TABLE IF NOT EXISTS instances (
  id                  TEXT PRIMARY KEY,
  account_id          TEXT NOT NULL REFERENCES accounts(id),
  study_id            TEXT NOT NULL REFERENCES studies(id),
  size                INTEGER NOT NULL,
  transfer_syntax_uid TEXT,
  sop_instance_uid    TEXT,
  series_instance_uid TEXT,
  instance_number     INTEGER,
  number_of_frames    INTEGER,
  rows                INTEGER,
  columns             INTEGER,
  data                BLOB NOT NULL,
  created_at          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS instances_by_study ON instances(study_id, created_at, id);
CREATE UNIQUE INDEX IF NOT EXISTS instances_by_sop ON instances(study_id, sop_instance_uid);

CREATE INDEX IF NOT EXISTS users_by_account ON users(account_id, created_at, id);
CREATE INDEX IF NOT EXISTS customers_by_account_name ON customers(account_id, name_fold, id);

-- Idempotency-Key of secret-key POSTs: the first response, replayed for 24 hours. status is NULL
-- while the first request is still running.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  scope       TEXT NOT NULL,
  key         TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status      INTEGER,
  body        TEXT,
  created_ms  INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_by_age ON idempotency_keys(created_ms);
`;
