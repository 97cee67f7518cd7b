/**
 * The schema, as an ordered list. `PRAGMA user_version` holds how many have been applied.
 *
 * Rules: append only. Never edit or reorder a migration that has shipped — add a new one. Every table is STRICT.
 * All pending migrations run in one transaction, so a crash mid-upgrade leaves the previous version intact.
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
]
