import { countMigrations } from './migrations-counts'

/**
 * The schema, as an ordered list. `PRAGMA user_version` holds how many have been applied.
 *
 * Rules: append only. Never edit or reorder a migration that has shipped — add a new one. Every table is STRICT.
 * All pending migrations run in one transaction, so a crash mid-upgrade leaves the previous version intact.
 * From 11 on they live in migrations-counts.ts (this file had grown to its size limit); the order is this list's.
 */
export const migrations: readonly string[] = [
  // 1: configuration of the centre and the kiosk, and the system event log.
  `
  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  CREATE TABLE service_fields (
    id         INTEGER PRIMARY KEY,
    prefix     TEXT NOT NULL UNIQUE CHECK (length(prefix) = 1),
    name_vi    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
  ) STRICT;

  CREATE TABLE counters (
    id      INTEGER PRIMARY KEY,
    number  INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 999),
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
  ) STRICT;

  CREATE TABLE counter_fields (
    counter_id INTEGER NOT NULL REFERENCES counters (id) ON DELETE CASCADE,
    field_id   INTEGER NOT NULL REFERENCES service_fields (id),
    PRIMARY KEY (counter_id, field_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE officers (
    id        INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    title_vi  TEXT NOT NULL,
    title_en  TEXT NOT NULL,
    photo     TEXT,
    active    INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
  ) STRICT;

  -- Who sits at which counter, over time. History is kept so a rating binds to the officer who actually served.
  CREATE TABLE assignments (
    id         INTEGER PRIMARY KEY,
    officer_id INTEGER NOT NULL REFERENCES officers (id),
    counter_id INTEGER NOT NULL REFERENCES counters (id),
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER CHECK (ends_at IS NULL OR ends_at > starts_at)
  ) STRICT;
  CREATE INDEX assignments_by_counter ON assignments (counter_id, starts_at);

  CREATE TABLE system_events (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    detail TEXT NOT NULL
  ) STRICT;
  CREATE INDEX system_events_by_kind ON system_events (kind, id);
  `,
  // 2: queue tickets, ratings, the upload outbox and the tamper-evident chain.
  `
  -- A ticket from the built-in queue, or mirrored from an external queue system (source = 'external').
  CREATE TABLE tickets (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,        -- random id printed in the ticket's QR code
    source         TEXT NOT NULL CHECK (source IN ('builtin', 'external')),
    external_id    TEXT,
    service_day    TEXT NOT NULL,               -- local service day, YYYY-MM-DD (numbers restart each day)
    field_id       INTEGER NOT NULL REFERENCES service_fields (id),
    number         INTEGER NOT NULL CHECK (number BETWEEN 1 AND 9999),
    code           TEXT NOT NULL,               -- as shown and spoken: prefix + 4 digits, e.g. A0123
    priority_group TEXT,                        -- key of a priority group, NULL for the normal queue
    status         TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'completed', 'skipped')),
    counter_id     INTEGER REFERENCES counters (id),  -- the counter handling it now, or that served it
    officer_id     INTEGER REFERENCES officers (id),  -- the officer at that counter when it was called
    issued_at      INTEGER NOT NULL,
    called_at      INTEGER,
    completed_at   INTEGER,
    UNIQUE (service_day, field_id, number),
    UNIQUE (source, external_id)
  ) STRICT;
  CREATE INDEX tickets_waiting ON tickets (status, field_id, priority_group, issued_at);
  CREATE INDEX tickets_by_code ON tickets (code, service_day);

  -- Every state change of a ticket, so waiting and service times can be reported.
  CREATE TABLE ticket_events (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
    at         INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('issued', 'called', 'recalled', 'serving', 'skipped', 'transferred', 'completed')),
    counter_id INTEGER REFERENCES counters (id),
    officer_id INTEGER REFERENCES officers (id),
    detail     TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

  -- One citizen rating. Rows are never updated or deleted: the chain link makes any change detectable.
  CREATE TABLE ratings (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    seq          INTEGER NOT NULL UNIQUE CHECK (seq >= 1),  -- per-device sequence, no gaps
    ticket_id    INTEGER UNIQUE REFERENCES tickets (id),    -- one rating per served ticket
    ticket_code  TEXT,
    counter_id   INTEGER NOT NULL REFERENCES counters (id),
    officer_id   INTEGER NOT NULL REFERENCES officers (id),
    field_id     INTEGER REFERENCES service_fields (id),
    -- As they were when the citizen rated (names and numbers can be edited later; the chain signs these).
    officer_name   TEXT NOT NULL,
    counter_number INTEGER NOT NULL,
    field_prefix   TEXT,
    level        INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), -- 1 = least satisfied
    level_key    TEXT NOT NULL,
    level_label  TEXT NOT NULL,                              -- the Vietnamese label shown at the time
    scale        INTEGER NOT NULL CHECK (scale IN (3, 4, 5)),
    reasons      TEXT NOT NULL DEFAULT '[]',                 -- JSON array of reason keys
    comment      TEXT NOT NULL DEFAULT '',
    language     TEXT NOT NULL CHECK (language IN ('vi', 'en')),
    mode         TEXT NOT NULL CHECK (mode IN ('counter', 'lobby')),
    created_at   INTEGER NOT NULL,                           -- device wall clock, ms
    link         TEXT NOT NULL                               -- hex HMAC chaining this row to the previous one
  ) STRICT;
  CREATE INDEX ratings_by_officer ON ratings (officer_id, created_at);
  CREATE INDEX ratings_by_time ON ratings (created_at);

  -- What still has to reach the central collector. Written in the same transaction as what it points to.
  CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('rating')),
    ref_id     INTEGER NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at    INTEGER,
    UNIQUE (kind, ref_id)
  ) STRICT;
  CREATE INDEX outbox_pending ON outbox (state, id);

  -- The head of this device's tamper-evident chain: last seq, last link, and the current (forward-evolved) key.
  CREATE TABLE chain_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    link TEXT NOT NULL,
    key  TEXT NOT NULL
  ) STRICT;

  -- key_1 of the chain (32 random bytes, hex), kept only until the collector has it: the row is deleted in the
  -- transaction that records a successful enrollment, so a later copy of the kiosk cannot re-chain old ratings.
  CREATE TABLE chain_genesis (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key TEXT NOT NULL
  ) STRICT;
  `,
  // 3: queue transfers. A transferred ticket keeps its field (so its number and code stay unique and unchanged)
  // and waits in another field's queue, or for one counter only.
  `
  ALTER TABLE tickets ADD COLUMN queue_field_id INTEGER REFERENCES service_fields (id);
  ALTER TABLE tickets ADD COLUMN queue_counter_id INTEGER REFERENCES counters (id);
  CREATE INDEX tickets_by_day_status ON tickets (service_day, status);
  CREATE INDEX tickets_by_counter ON tickets (counter_id, status);
  `,
  // 4: upload: the uploader's state and its cross-process lease.
  `
  -- The uploader's own state (backoff, last error, clock offset, enrollment), one JSON document checked by zod.
  CREATE TABLE upload_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value TEXT NOT NULL
  ) STRICT;

  -- Single flight across processes: whoever holds an unexpired lease uploads; everyone else skips the round.
  CREATE TABLE upload_lease (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    owner       TEXT NOT NULL,
    acquired_at INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
  ) STRICT;
  `,
  // 5: staff and IT accounts (PIN login), the append-only audit log, and disputes of ratings by officers.
  `
  -- A PIN login. An officer's account belongs to that officer; admin accounts (IT, leaders) stand alone. Only the
  -- scrypt output of the peppered PIN is stored: the pepper lives outside the database (SecretStore), so a copied
  -- kiosk.db alone cannot be brute-forced. The lockout counters live here so they survive restarts.
  CREATE TABLE staff_accounts (
    id           INTEGER PRIMARY KEY,
    role         TEXT NOT NULL CHECK (role IN ('officer', 'admin')),
    officer_id   INTEGER UNIQUE REFERENCES officers (id),
    display_name TEXT NOT NULL,
    pin_hash     TEXT NOT NULL,                 -- hex scrypt output
    pin_salt     TEXT NOT NULL,                 -- hex, 16 random bytes
    pin_params   TEXT NOT NULL,                 -- e.g. scrypt:131072:8:1, so the cost can be raised later
    failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
    locked_until INTEGER,
    disabled     INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CHECK ((role = 'officer') = (officer_id IS NOT NULL))
  ) STRICT;

  -- Who did what, when. Never edited: the triggers refuse UPDATE and DELETE, whoever asks.
  CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor_id   INTEGER,                         -- staff_accounts.id; NULL for an unknown or failed login
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  CREATE INDEX audit_log_by_time ON audit_log (at);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

  -- An officer's objection to one rating. The rating itself is never touched; IT records the outcome here.
  CREATE TABLE disputes (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    rating_id       INTEGER NOT NULL UNIQUE REFERENCES ratings (id),
    officer_id      INTEGER NOT NULL REFERENCES officers (id),
    note            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'upheld', 'rejected')),
    resolution_note TEXT NOT NULL DEFAULT '',
    resolved_by     INTEGER REFERENCES staff_accounts (id),
    resolved_at     INTEGER,
    CHECK ((status = 'open') = (resolved_at IS NULL))
  ) STRICT;
  CREATE INDEX disputes_by_status ON disputes (status, created_at);
  `,
  // 6: external ticket ids are unique per service day, not forever: external queue systems restart their ids
  // daily. SQLite cannot drop a table constraint, so the table is rebuilt. The rows keep their ids, so
  // ticket_events and ratings still point at them; defer_foreign_keys (this transaction only) lets the children
  // be orphaned between the DROP and the re-INSERT, and the commit checks that none still are.
  `
  PRAGMA defer_foreign_keys = ON;
  CREATE TEMP TABLE tickets_copy AS SELECT * FROM tickets;
  DROP TABLE tickets;
  CREATE TABLE tickets (
    id               INTEGER PRIMARY KEY,
    uid              TEXT NOT NULL UNIQUE,
    source           TEXT NOT NULL CHECK (source IN ('builtin', 'external')),
    external_id      TEXT,
    service_day      TEXT NOT NULL,
    field_id         INTEGER NOT NULL REFERENCES service_fields (id),
    number           INTEGER NOT NULL CHECK (number BETWEEN 1 AND 9999),
    code             TEXT NOT NULL,
    priority_group   TEXT,
    status           TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'completed', 'skipped')),
    counter_id       INTEGER REFERENCES counters (id),
    officer_id       INTEGER REFERENCES officers (id),
    issued_at        INTEGER NOT NULL,
    called_at        INTEGER,
    completed_at     INTEGER,
    queue_field_id   INTEGER REFERENCES service_fields (id),
    queue_counter_id INTEGER REFERENCES counters (id),
    UNIQUE (service_day, field_id, number),
    UNIQUE (source, service_day, external_id)
  ) STRICT;
  INSERT INTO tickets (id, uid, source, external_id, service_day, field_id, number, code, priority_group, status,
                       counter_id, officer_id, issued_at, called_at, completed_at, queue_field_id, queue_counter_id)
    SELECT id, uid, source, external_id, service_day, field_id, number, code, priority_group, status,
           counter_id, officer_id, issued_at, called_at, completed_at, queue_field_id, queue_counter_id
      FROM tickets_copy;
  DROP TABLE tickets_copy;
  CREATE INDEX tickets_waiting ON tickets (status, field_id, priority_group, issued_at);
  CREATE INDEX tickets_by_code ON tickets (code, service_day);
  CREATE INDEX tickets_by_day_status ON tickets (service_day, status);
  CREATE INDEX tickets_by_counter ON tickets (counter_id, status);
  `,
  // 7: disputes are uploaded too (PROTOCOL.md, "POST /v1/disputes"). Every state change of a dispute is an
  // immutable event — what is sent, byte for byte, whenever it is resent — and the outbox points at events, one
  // row each. SQLite cannot alter a CHECK, so the outbox is rebuilt keeping its ids: for ratings they follow
  // seq (outbox-repo relies on it). Disputes made before this version are queued here, oldest first.
  `
  CREATE TABLE dispute_events (
    id         INTEGER PRIMARY KEY,
    dispute_id INTEGER NOT NULL REFERENCES disputes (id),
    state      TEXT NOT NULL CHECK (state IN ('open', 'upheld', 'rejected')),
    note       TEXT NOT NULL,                   -- the officer's note, or IT's resolution note
    actor      TEXT NOT NULL,                   -- display name of who made the change, as it was then
    at         INTEGER NOT NULL,
    UNIQUE (dispute_id, state)
  ) STRICT;
  CREATE TRIGGER dispute_events_no_update BEFORE UPDATE ON dispute_events
    BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;
  CREATE TRIGGER dispute_events_no_delete BEFORE DELETE ON dispute_events
    BEGIN SELECT RAISE(ABORT, 'dispute_events is append-only'); END;

  CREATE TABLE outbox_rebuilt (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('rating', 'dispute')),  -- dispute: ref_id is dispute_events.id
    ref_id     INTEGER NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    sent_at    INTEGER,
    UNIQUE (kind, ref_id)
  ) STRICT;
  INSERT INTO outbox_rebuilt (id, kind, ref_id, state, attempts, last_error, sent_at)
    SELECT id, kind, ref_id, state, attempts, last_error, sent_at FROM outbox;
  DROP TABLE outbox;
  ALTER TABLE outbox_rebuilt RENAME TO outbox;
  CREATE INDEX outbox_pending ON outbox (state, id);

  INSERT INTO dispute_events (dispute_id, state, note, actor, at)
    SELECT d.id, 'open', d.note, coalesce(s.display_name, o.full_name), d.created_at
      FROM disputes d JOIN officers o ON o.id = d.officer_id LEFT JOIN staff_accounts s ON s.officer_id = d.officer_id
     ORDER BY d.created_at, d.id;
  INSERT INTO dispute_events (dispute_id, state, note, actor, at)
    SELECT d.id, d.status, d.resolution_note, coalesce(s.display_name, ''), d.resolved_at
      FROM disputes d LEFT JOIN staff_accounts s ON s.id = d.resolved_by
     WHERE d.status <> 'open'
     ORDER BY d.resolved_at, d.id;
  INSERT INTO outbox (kind, ref_id, state) SELECT 'dispute', id, 'pending' FROM dispute_events ORDER BY id;
  `,
  // 8: counter mode's rating offer, one row per counter: the ticket whose rating that counter's screen offers and
  // how the offer ended. Kept in the database so every screen asking for the counter's rating gets the same answer,
  // and a rating the citizen cancelled or the officer moved past stays closed after a restart. An offer past its
  // rating window stays 'open' here: the window is checked on every read, so no timer has to close it.
  `
  CREATE TABLE rating_offers (
    counter_id     INTEGER PRIMARY KEY REFERENCES counters (id),
    ticket_id      INTEGER NOT NULL REFERENCES tickets (id),
    -- the ticket's 'completed' event: a call, recall or serve of another ticket at this counter after it ends the offer
    since_event_id INTEGER NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('open', 'answered', 'dismissed', 'superseded')),
    offered_at     INTEGER NOT NULL,
    ended_at       INTEGER,
    CHECK ((state = 'open') = (ended_at IS NULL))
  ) STRICT;
  `,
  // 9: the chain's keys are stored sealed (ratings/chain-seal.ts): AES-256-GCM under a key from the device secret,
  // which lives outside the database (the OS keychain under Electron), so kiosk.db alone cannot extend the chain.
  // SQL cannot reach the keychain: keys that older versions wrote in plain hex are sealed by ensureChainStarted at
  // the next start (with secure_delete). From here on the database refuses a plain key from any code path.
  `
  CREATE TRIGGER chain_head_sealed_insert BEFORE INSERT ON chain_head WHEN NEW.key NOT GLOB 'v1.*'
    BEGIN SELECT RAISE(ABORT, 'chain keys are stored sealed'); END;
  CREATE TRIGGER chain_head_sealed_update BEFORE UPDATE OF key ON chain_head WHEN NEW.key NOT GLOB 'v1.*'
    BEGIN SELECT RAISE(ABORT, 'chain keys are stored sealed'); END;
  CREATE TRIGGER chain_genesis_sealed_insert BEFORE INSERT ON chain_genesis WHEN NEW.key NOT GLOB 'v1.*'
    BEGIN SELECT RAISE(ABORT, 'chain keys are stored sealed'); END;
  CREATE TRIGGER chain_genesis_sealed_update BEFORE UPDATE OF key ON chain_genesis WHEN NEW.key NOT GLOB 'v1.*'
    BEGIN SELECT RAISE(ABORT, 'chain keys are stored sealed'); END;
  `,
  // 10: the centre network. Paired client PCs and the one-time codes that pair them; only hashes of secrets are
  // stored, so a copy of the database cannot act as a device. `device_requests` remembers what a device's write
  // answered under its idempotency key, written in the same transaction as the write, so a retry after a dropped
  // link gets the first answer instead of a second row.
  `
  CREATE TABLE devices (
    id              TEXT PRIMARY KEY CHECK (length(id) = 36),
    role            TEXT NOT NULL CHECK (role IN ('counter-screen', 'console', 'board', 'lobby', 'admin-client')),
    counter_id      INTEGER REFERENCES counters (id),
    name            TEXT NOT NULL,
    credential_hash BLOB NOT NULL CHECK (length(credential_hash) = 32),  -- sha256 of the 32-byte secret
    app_version     TEXT NOT NULL,
    address         TEXT NOT NULL,
    paired_at       INTEGER NOT NULL,
    last_seen_at    INTEGER,
    revoked_at      INTEGER,
    CHECK ((role IN ('counter-screen', 'console')) = (counter_id IS NOT NULL))
  ) STRICT;

  CREATE TABLE pairing_codes (
    id          INTEGER PRIMARY KEY,
    secret_hash BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
    role        TEXT NOT NULL CHECK (role IN ('counter-screen', 'console', 'board', 'lobby', 'admin-client')),
    counter_id  INTEGER REFERENCES counters (id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    device_id   TEXT REFERENCES devices (id)
  ) STRICT;

  CREATE TABLE device_requests (
    device_id TEXT NOT NULL REFERENCES devices (id),
    key       TEXT NOT NULL,
    channel   TEXT NOT NULL,
    result    TEXT NOT NULL,
    at        INTEGER NOT NULL,
    PRIMARY KEY (device_id, key)
  ) STRICT, WITHOUT ROWID;
  `,
  ...countMigrations,
]
