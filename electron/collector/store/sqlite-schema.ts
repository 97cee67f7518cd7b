/**
 * The embedded collector's SQLite schema: append-only migrations, version in user_version, like the kiosk's.
 * The PostgreSQL schema (postgres-schema.ts) keeps the same tables and columns, so one intake code runs on both.
 */
export const sqliteMigrations: readonly string[] = [
  `
  CREATE TABLE devices (
    device_id     TEXT PRIMARY KEY,
    label         TEXT NOT NULL,
    sign_key      TEXT NOT NULL,
    chain_key     TEXT NOT NULL,
    enrolled_at   INTEGER NOT NULL,
    revoked_at    INTEGER,
    -- The verified, contiguous prefix of the device's chain: last seq, its link, key_{seq+1}.
    cursor_seq    INTEGER NOT NULL DEFAULT 0,
    cursor_link   TEXT NOT NULL,
    cursor_key    TEXT NOT NULL,
    -- The first seq found bad for good (link, changed, seq-conflict, head); gaps are computed, they may fill.
    bad_seq       INTEGER,
    bad_reason    TEXT,
    hb_at         INTEGER,
    hb_seq        INTEGER,
    hb_pending_from INTEGER,
    hb_pending    INTEGER,
    hb_app_version TEXT
  ) STRICT;

  CREATE TABLE enrollment_tokens (
    token_hash TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    used_by    TEXT
  ) STRICT;

  CREATE TABLE ratings (
    device_id   TEXT NOT NULL REFERENCES devices (device_id),
    uuid        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    link        TEXT NOT NULL,
    record      TEXT NOT NULL,               -- the rating's JSON as received
    canonical   TEXT NOT NULL,               -- canonical JSON of the record without its link: what the link signs
    received_at INTEGER NOT NULL,
    batch_id    TEXT NOT NULL,
    chain_ok    INTEGER CHECK (chain_ok IN (0, 1)),  -- NULL until the chain reaches it
    PRIMARY KEY (device_id, uuid),
    UNIQUE (device_id, seq)
  ) STRICT;

  -- Ratings a device dead-lettered (from its heartbeat): their links let the chain check go on past them.
  CREATE TABLE dead_stubs (
    device_id   TEXT NOT NULL REFERENCES devices (device_id),
    seq         INTEGER NOT NULL,
    uuid        TEXT NOT NULL,
    link        TEXT NOT NULL,
    reported_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, seq)
  ) STRICT;

  -- Idempotency-Key → the answer given, for 24 hours.
  CREATE TABLE batches (
    device_id   TEXT NOT NULL,
    batch_id    TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    response    TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, batch_id)
  ) STRICT;
  CREATE INDEX batches_by_time ON batches (received_at);

  -- Evidence: a rating that came again with other content, or another rating claiming a taken seq.
  CREATE TABLE conflicts (
    id          INTEGER PRIMARY KEY,
    device_id   TEXT NOT NULL,
    uuid        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    record      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    received_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE heartbeats (
    id           INTEGER PRIMARY KEY,
    device_id    TEXT NOT NULL,
    at           INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    link         TEXT NOT NULL,
    pending_from INTEGER,
    pending      INTEGER NOT NULL,
    proof_ok     INTEGER NOT NULL CHECK (proof_ok IN (0, 1))
  ) STRICT;
  CREATE INDEX heartbeats_by_device ON heartbeats (device_id, id);
  `,
  // 2: dead-lettered ratings arrive whole and are chain-checked (no more stubs); heartbeat replay guard; the key
  // at the last verified heartbeat head, so deriving the next head's key costs only the ratings since.
  `
  DROP TABLE dead_stubs;
  CREATE TABLE dead_records (
    device_id   TEXT NOT NULL REFERENCES devices (device_id),
    uuid        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    link        TEXT NOT NULL,
    record      TEXT NOT NULL,               -- as received in the heartbeat
    canonical   TEXT NOT NULL,
    reason      TEXT NOT NULL,               -- why the device holds it back
    reported_at INTEGER NOT NULL,
    chain_ok    INTEGER CHECK (chain_ok IN (0, 1)),
    PRIMARY KEY (device_id, uuid),
    UNIQUE (device_id, seq)
  ) STRICT;
  ALTER TABLE devices ADD COLUMN hb_sent_at INTEGER;  -- sentAt of the last accepted heartbeat
  ALTER TABLE devices ADD COLUMN key_cache_seq INTEGER;
  ALTER TABLE devices ADD COLUMN key_cache TEXT;      -- key_{key_cache_seq+1}, from a verified head proof
  `,
  // 3: disputes of ratings (POST /v1/disputes), one row per state change; the rating is named by uuid and may
  // arrive after its dispute.
  `
  CREATE TABLE disputes (
    device_id   TEXT NOT NULL REFERENCES devices (device_id),
    uuid        TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('open', 'upheld', 'rejected')),
    rating_uuid TEXT NOT NULL,
    record      TEXT NOT NULL,               -- the record's JSON as received
    received_at INTEGER NOT NULL,
    batch_id    TEXT NOT NULL,
    PRIMARY KEY (device_id, uuid, state)
  ) STRICT;
  CREATE INDEX disputes_by_rating ON disputes (device_id, rating_uuid);
  `,
  // 4: centres (the province groups devices into centres) and the rating projection the dashboard reads: the
  // record's fields as columns, filled in the transaction that stores the rating; older rows from their JSON.
  `
  CREATE TABLE centres (
    centre_id  TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  ALTER TABLE devices ADD COLUMN centre_id TEXT REFERENCES centres (centre_id);
  ALTER TABLE enrollment_tokens ADD COLUMN centre_id TEXT REFERENCES centres (centre_id);
  ALTER TABLE ratings ADD COLUMN centre_id TEXT;
  ALTER TABLE ratings ADD COLUMN created_at INTEGER;
  ALTER TABLE ratings ADD COLUMN day TEXT;
  ALTER TABLE ratings ADD COLUMN counter_number INTEGER;
  ALTER TABLE ratings ADD COLUMN officer_id INTEGER;
  ALTER TABLE ratings ADD COLUMN officer_name TEXT;
  ALTER TABLE ratings ADD COLUMN field_prefix TEXT;
  ALTER TABLE ratings ADD COLUMN level INTEGER;
  ALTER TABLE ratings ADD COLUMN level_key TEXT;
  ALTER TABLE ratings ADD COLUMN scale INTEGER;
  ALTER TABLE ratings ADD COLUMN mode TEXT;
  ALTER TABLE ratings ADD COLUMN language TEXT;
  ALTER TABLE ratings ADD COLUMN reasons TEXT;
  ALTER TABLE ratings ADD COLUMN has_comment INTEGER CHECK (has_comment IN (0, 1));
  ALTER TABLE ratings ADD COLUMN anonymous INTEGER CHECK (anonymous IN (0, 1));
  ALTER TABLE ratings ADD COLUMN ticket_code TEXT;
  UPDATE ratings SET
    created_at = json_extract(record, '$.createdAt'),
    day = date(json_extract(record, '$.createdAt') / 1000, 'unixepoch', '+7 hours'),
    counter_number = json_extract(record, '$.counterNumber'),
    officer_id = json_extract(record, '$.officerId'),
    officer_name = json_extract(record, '$.officerName'),
    field_prefix = json_extract(record, '$.fieldPrefix'),
    level = json_extract(record, '$.level'),
    level_key = json_extract(record, '$.levelKey'),
    scale = json_extract(record, '$.scale'),
    mode = json_extract(record, '$.mode'),
    language = json_extract(record, '$.language'),
    reasons = json(json_extract(record, '$.reasons')),
    has_comment = trim(json_extract(record, '$.comment')) <> '',
    anonymous = json_extract(record, '$.ticketCode') IS NULL,
    ticket_code = json_extract(record, '$.ticketCode');
  CREATE INDEX ratings_by_day ON ratings (day, centre_id);
  CREATE INDEX ratings_by_centre ON ratings (centre_id, day);
  CREATE INDEX ratings_by_officer ON ratings (officer_id, day);
  `,
  // 5: the province dashboard (accounts, sessions) and alerts (outbox for the webhook, its settings). Same tables
  // and columns in postgres-schema.ts (its version 2).
  `
  CREATE TABLE dashboard_users (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('province', 'leader', 'auditor')),
    centre_id     TEXT REFERENCES centres (centre_id),
    display_name  TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled_at   INTEGER,
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER
  ) STRICT;
  CREATE TABLE dashboard_sessions (
    id_hash      TEXT PRIMARY KEY,         -- sha256 of the cookie value: the database alone opens no session
    username     TEXT NOT NULL REFERENCES dashboard_users (username),
    csrf_token   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX dashboard_sessions_by_user ON dashboard_sessions (username);
  CREATE TABLE alerts (
    event_key    TEXT PRIMARY KEY,         -- kind:device:what, so one event is one alert however often it is seen
    kind         TEXT NOT NULL CHECK (kind IN ('negative-rating', 'tamper', 'silent-device')),
    device_id    TEXT NOT NULL,
    centre_id    TEXT,
    payload      TEXT NOT NULL,            -- the webhook body, fixed when the event happened
    created_at   INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('pending', 'delivered')),
    attempts     INTEGER NOT NULL,
    next_at      INTEGER NOT NULL,
    lease_until  INTEGER,
    last_error   TEXT,
    delivered_at INTEGER
  ) STRICT;
  CREATE INDEX alerts_due ON alerts (state, next_at);
  CREATE INDEX alerts_by_time ON alerts (created_at);
  CREATE TABLE alert_settings (
    id                   INTEGER PRIMARY KEY CHECK (id = 1),
    url                  TEXT,
    secret               TEXT,
    silent_after_minutes INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
  ) STRICT;
  `,
  // 6: fingerprints of ratings whose month was archived (PostgreSQL retention, postgres-schema.ts version 3). SQLite
  // never archives, so it stays empty here; it exists so the one intake query reads the same tables on both.
  `
  CREATE TABLE archived_ratings (
    device_id        TEXT NOT NULL,
    seq              INTEGER NOT NULL,
    uuid             TEXT NOT NULL,
    link             TEXT NOT NULL,
    canonical_sha256 TEXT NOT NULL,
    archived_at      INTEGER NOT NULL,
    PRIMARY KEY (device_id, seq)
  ) STRICT;
  CREATE INDEX archived_ratings_by_uuid ON archived_ratings (device_id, uuid);
  `,
]
