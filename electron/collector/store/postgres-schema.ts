/**
 * The collector's PostgreSQL schema: the same tables and columns as the SQLite one (sqlite-schema.ts, version 4),
 * so the intake code runs unchanged. Versioned: each entry runs once, in its own transaction, and is recorded in
 * schema_migrations; append only, never edit one that has shipped.
 *
 * Ratings are partitioned by month of the rating's created_at (Vietnam months, see partitions.ts), not of its
 * arrival: a rating re-sent months later (a kiosk offline for weeks, a retry after a restore) carries the same
 * created_at, so it lands in the same partition and the primary key (device_id, uuid, created_at) — which must
 * include the partition column — still names it once, and ON CONFLICT stays idempotent. Reports ask by the day
 * citizens rated, so they read only the months they cover, and retention drops whole months of ratings. Lookups
 * by uuid or seq (dedupe, conflicts, the chain walk) do not name created_at: they probe every partition's index,
 * a few dozen cheap probes, and never depend on where a row lives. Seqs are kept unique per device by the intake,
 * under the device lock (postgres.ts), since a unique index on a partitioned table must contain created_at.
 * A DEFAULT partition catches ratings outside the months made so far (a kiosk with a wrong clock, or a rating older
 * than retention re-sent): nothing is ever refused for want of a partition.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE centres (
    centre_id  text PRIMARY KEY,
    name       text NOT NULL,
    created_at bigint NOT NULL
  );

  CREATE TABLE devices (
    device_id       text PRIMARY KEY,
    label           text NOT NULL,
    sign_key        text NOT NULL,
    chain_key       text NOT NULL,
    enrolled_at     bigint NOT NULL,
    revoked_at      bigint,
    cursor_seq      bigint NOT NULL DEFAULT 0,
    cursor_link     text NOT NULL,
    cursor_key      text NOT NULL,
    bad_seq         bigint,
    bad_reason      text,
    hb_at           bigint,
    hb_seq          bigint,
    hb_pending_from bigint,
    hb_pending      bigint,
    hb_app_version  text,
    hb_sent_at      bigint,
    key_cache_seq   bigint,
    key_cache       text,
    centre_id       text REFERENCES centres (centre_id)
  );

  CREATE TABLE enrollment_tokens (
    token_hash text PRIMARY KEY,
    label      text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    used_at    bigint,
    used_by    text,
    centre_id  text REFERENCES centres (centre_id)
  );

  CREATE TABLE ratings (
    device_id      text NOT NULL REFERENCES devices (device_id),
    uuid           text NOT NULL,
    seq            bigint NOT NULL,
    link           text NOT NULL,
    record         text NOT NULL,
    canonical      text NOT NULL,
    received_at    bigint NOT NULL,
    batch_id       text NOT NULL,
    chain_ok       smallint CHECK (chain_ok IN (0, 1)),
    centre_id      text,
    created_at     bigint NOT NULL,
    day            text NOT NULL,
    counter_number integer,
    officer_id     integer,
    officer_name   text,
    field_prefix   text,
    level          smallint,
    level_key      text,
    scale          smallint,
    mode           text,
    language       text,
    reasons        text,
    has_comment    smallint CHECK (has_comment IN (0, 1)),
    anonymous      smallint CHECK (anonymous IN (0, 1)),
    ticket_code    text,
    PRIMARY KEY (device_id, uuid, created_at)
  ) PARTITION BY RANGE (created_at);
  CREATE INDEX ratings_by_seq ON ratings (device_id, seq);
  CREATE INDEX ratings_by_day ON ratings (day, centre_id);
  CREATE INDEX ratings_by_centre ON ratings (centre_id, day);
  CREATE INDEX ratings_by_officer ON ratings (officer_id, day);
  CREATE TABLE ratings_default PARTITION OF ratings DEFAULT;

  CREATE TABLE dead_records (
    device_id   text NOT NULL REFERENCES devices (device_id),
    uuid        text NOT NULL,
    seq         bigint NOT NULL,
    link        text NOT NULL,
    record      text NOT NULL,
    canonical   text NOT NULL,
    reason      text NOT NULL,
    reported_at bigint NOT NULL,
    chain_ok    smallint CHECK (chain_ok IN (0, 1)),
    PRIMARY KEY (device_id, uuid),
    UNIQUE (device_id, seq)
  );

  CREATE TABLE batches (
    device_id   text NOT NULL,
    batch_id    text NOT NULL,
    body_hash   text NOT NULL,
    response    text NOT NULL,
    received_at bigint NOT NULL,
    PRIMARY KEY (device_id, batch_id)
  );
  CREATE INDEX batches_by_time ON batches (received_at);

  CREATE TABLE conflicts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id   text NOT NULL,
    uuid        text NOT NULL,
    seq         bigint NOT NULL,
    record      text NOT NULL,
    reason      text NOT NULL,
    received_at bigint NOT NULL
  );

  CREATE TABLE heartbeats (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id    text NOT NULL,
    at           bigint NOT NULL,
    seq          bigint NOT NULL,
    link         text NOT NULL,
    pending_from bigint,
    pending      bigint NOT NULL,
    proof_ok     smallint NOT NULL CHECK (proof_ok IN (0, 1))
  );
  CREATE INDEX heartbeats_by_device ON heartbeats (device_id, id);

  -- rowid: the order of arrival, named as SQLite names its implicit one, so queries read the same on both.
  CREATE TABLE disputes (
    rowid       bigint GENERATED ALWAYS AS IDENTITY,
    device_id   text NOT NULL REFERENCES devices (device_id),
    uuid        text NOT NULL,
    state       text NOT NULL CHECK (state IN ('open', 'upheld', 'rejected')),
    rating_uuid text NOT NULL,
    record      text NOT NULL,
    received_at bigint NOT NULL,
    batch_id    text NOT NULL,
    PRIMARY KEY (device_id, uuid, state)
  );
  CREATE INDEX disputes_by_rating ON disputes (device_id, rating_uuid);
  `,
  // 2: the province dashboard (accounts, sessions) and alerts; the same as SQLite's version 5.
  `
  CREATE TABLE dashboard_users (
    username      text PRIMARY KEY,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('province', 'leader', 'auditor')),
    centre_id     text REFERENCES centres (centre_id),
    display_name  text NOT NULL,
    created_at    bigint NOT NULL,
    disabled_at   bigint,
    failed_count  integer NOT NULL DEFAULT 0,
    locked_until  bigint
  );
  CREATE TABLE dashboard_sessions (
    id_hash      text PRIMARY KEY,
    username     text NOT NULL REFERENCES dashboard_users (username),
    csrf_token   text NOT NULL,
    created_at   bigint NOT NULL,
    last_seen_at bigint NOT NULL,
    expires_at   bigint NOT NULL
  );
  CREATE INDEX dashboard_sessions_by_user ON dashboard_sessions (username);
  CREATE TABLE alerts (
    event_key    text PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('negative-rating', 'tamper', 'silent-device')),
    device_id    text NOT NULL,
    centre_id    text,
    payload      text NOT NULL,
    created_at   bigint NOT NULL,
    state        text NOT NULL CHECK (state IN ('pending', 'delivered')),
    attempts     integer NOT NULL,
    next_at      bigint NOT NULL,
    lease_until  bigint,
    last_error   text,
    delivered_at bigint
  );
  CREATE INDEX alerts_due ON alerts (state, next_at);
  CREATE INDEX alerts_by_time ON alerts (created_at);
  CREATE TABLE alert_settings (
    id                   integer PRIMARY KEY CHECK (id = 1),
    url                  text,
    secret               text,
    silent_after_minutes integer NOT NULL,
    updated_at           bigint NOT NULL
  );
  `,
  // 3: what stays of a rating when its month is detached (partitions.ts): its seq, uuid, link and a SHA-256 of its
  // canonical form, so a re-send of it is told apart — identical (a duplicate) or changed (a conflict) — without
  // keeping the rating itself. Not partitioned: a few dozen bytes a rating, kept for good. SQLite's version 6.
  `
  CREATE TABLE archived_ratings (
    device_id        text NOT NULL,
    seq              bigint NOT NULL,
    uuid             text NOT NULL,
    link             text NOT NULL,
    canonical_sha256 text NOT NULL,
    archived_at      bigint NOT NULL,
    PRIMARY KEY (device_id, seq)
  );
  CREATE INDEX archived_ratings_by_uuid ON archived_ratings (device_id, uuid);
  `,
]
