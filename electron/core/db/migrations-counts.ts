/**
 * Migrations 11 and later, appended to `migrations` in order (same rules: append only, never edit one that shipped).
 */

/**
 * Migration 12's day: Việt Nam's calendar day of a rating, `(created_at + 7 h) / 1 day` — the zone every centre
 * runs in (UTC+7, no daylight saving since 1975). Reports read these counts for every whole day of a range and raw
 * rows only for what is left at its edges (staff/rating-counts.ts), so a centre set to another zone still gets
 * exact numbers, only slower.
 */
const DAY_OF = (row: 'NEW' | 'OLD') => `(${row}.created_at + 25200000) / 86400000`
/** Its reasons as json_each reads them for the reports: only a valid, non-empty list counts (rating-stats). */
const REASONS_OF = (row: 'NEW' | 'OLD') =>
  `json_each(CASE WHEN ${row}.reasons <> '[]' AND json_valid(${row}.reasons) THEN ${row}.reasons ELSE '[]' END)`
const ADD = (row: 'NEW' | 'OLD') => `
    INSERT INTO rating_days (day, officer_id, counter_id, field_id, level_key, level, scale, n)
    VALUES (${DAY_OF(row)}, ${row}.officer_id, ${row}.counter_id, ifnull(${row}.field_id, 0), ${row}.level_key,
            ${row}.level, ${row}.scale, 1)
    ON CONFLICT DO UPDATE SET n = n + 1;
    INSERT INTO rating_day_reasons (day, officer_id, counter_id, field_id, reason, n)
    SELECT ${DAY_OF(row)}, ${row}.officer_id, ${row}.counter_id, ifnull(${row}.field_id, 0), j.value, 1
      FROM ${REASONS_OF(row)} j WHERE j.type = 'text'
    ON CONFLICT DO UPDATE SET n = n + 1;`
const REMOVE = (row: 'NEW' | 'OLD') => `
    UPDATE rating_days SET n = n - 1
     WHERE day = ${DAY_OF(row)} AND officer_id = ${row}.officer_id AND counter_id = ${row}.counter_id
       AND field_id = ifnull(${row}.field_id, 0) AND level_key = ${row}.level_key AND level = ${row}.level
       AND scale = ${row}.scale;
    UPDATE rating_day_reasons
       SET n = n - (SELECT count(*) FROM ${REASONS_OF(row)} j WHERE j.type = 'text' AND j.value = rating_day_reasons.reason)
     WHERE day = ${DAY_OF(row)} AND officer_id = ${row}.officer_id AND counter_id = ${row}.counter_id
       AND field_id = ifnull(${row}.field_id, 0);`

export const countMigrations: readonly string[] = [
  // 11: reports and "my ratings" count in SQL; these indexes hold every column the counts read, so a range scan
  // never visits the table. Reasons sit only on negative ratings, hence a partial index for those few rows.
  `
  DROP INDEX ratings_by_officer;
  CREATE INDEX ratings_by_officer ON ratings (officer_id, created_at, level, scale, level_key);
  DROP INDEX ratings_by_time;
  CREATE INDEX ratings_by_time ON ratings (created_at, officer_id, counter_id, field_id, level, scale, level_key);
  CREATE INDEX ratings_with_reasons ON ratings (created_at, officer_id, counter_id, field_id, reasons) WHERE reasons <> '[]';
  `,
  // 12: counts per Việt Nam day × officer × counter × field × level (and × reason), kept by triggers in the very
  // transaction that writes, changes or removes a rating, so they always equal the rows; filled from the rows
  // already there. Reports over a year read a few thousand of these instead of a million ratings. field_id 0 is
  // "no field" (a rating without a ticket): a primary key column cannot be NULL. A count may reach 0 and stay.
  `
  CREATE TABLE rating_days (
    day        INTEGER NOT NULL,
    officer_id INTEGER NOT NULL,
    counter_id INTEGER NOT NULL,
    field_id   INTEGER NOT NULL,
    level_key  TEXT NOT NULL,
    level      INTEGER NOT NULL,
    scale      INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (day, officer_id, counter_id, field_id, level_key, level, scale)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE rating_day_reasons (
    day        INTEGER NOT NULL,
    officer_id INTEGER NOT NULL,
    counter_id INTEGER NOT NULL,
    field_id   INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (day, officer_id, counter_id, field_id, reason)
  ) STRICT, WITHOUT ROWID;
  INSERT INTO rating_days (day, officer_id, counter_id, field_id, level_key, level, scale, n)
  SELECT (created_at + 25200000) / 86400000, officer_id, counter_id, ifnull(field_id, 0), level_key, level, scale,
         count(*)
    FROM ratings GROUP BY 1, 2, 3, 4, 5, 6, 7;
  INSERT INTO rating_day_reasons (day, officer_id, counter_id, field_id, reason, n)
  SELECT (r.created_at + 25200000) / 86400000, r.officer_id, r.counter_id, ifnull(r.field_id, 0), j.value, count(*)
    FROM ratings r, json_each(CASE WHEN r.reasons <> '[]' AND json_valid(r.reasons) THEN r.reasons ELSE '[]' END) j
   WHERE j.type = 'text'
   GROUP BY 1, 2, 3, 4, 5;
  CREATE TRIGGER ratings_count_insert AFTER INSERT ON ratings BEGIN${ADD('NEW')}
  END;
  CREATE TRIGGER ratings_count_delete AFTER DELETE ON ratings BEGIN${REMOVE('OLD')}
  END;
  CREATE TRIGGER ratings_count_update
  AFTER UPDATE OF created_at, officer_id, counter_id, field_id, level_key, level, scale, reasons ON ratings
  BEGIN${REMOVE('OLD')}${ADD('NEW')}
  END;
  `,
  // 13: with the per-day counts of 12, the rows are read only for the part-days at a range's edges (and for the
  // latest comments), so migration 11's wide covering indexes no longer pay for their bytes on every rating: back
  // to the columns that find the rows. The outbox keeps a row per rating for good, but every read of it asks for
  // pending or dead rows (literally `state = 'pending'` / `state = 'dead'`, which is what lets SQLite use a
  // partial index): sent rows, nearly all of them, need no index entry.
  `
  DROP INDEX outbox_pending;
  CREATE INDEX outbox_pending ON outbox (kind, id) WHERE state = 'pending';
  CREATE INDEX outbox_dead ON outbox (kind, id) WHERE state = 'dead';
  DROP INDEX ratings_by_officer;
  CREATE INDEX ratings_by_officer ON ratings (officer_id, created_at);
  DROP INDEX ratings_by_time;
  CREATE INDEX ratings_by_time ON ratings (created_at);
  DROP INDEX ratings_with_reasons;
  CREATE INDEX ratings_with_reasons ON ratings (created_at) WHERE reasons <> '[]';
  `,
]
