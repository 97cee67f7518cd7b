import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { openStore } from '../../electron/collector/store/open'
import { dollarPlaceholders } from '../../electron/collector/store/postgres'
import { tempDir } from '../helpers/temp-dir'
import { testDatabase, testStore } from '../upload/helpers/collector'

const NOW = Date.UTC(2026, 10, 26, 2)

async function store() {
  return openStore({ database: await testDatabase(), dbFile: path.join(tempDir(), 'collector.db'), now: NOW })
}

describe(`the storage port (${testStore})`, () => {
  it('two transactions on one device, each reading then writing across awaits, never lose an update', async () => {
    const db = await store()
    try {
      await db.run('INSERT INTO centres (centre_id, name, created_at) VALUES (?, ?, ?)', ['c1', 'Trung tâm', 0])
      // Read, yield to the event loop (the other transaction runs meanwhile), write back the read value + 1.
      const bump = () =>
        db.tx(async (tx) => {
          await tx.lockDevice('device-a')
          const n = z.number().parse(await tx.value('SELECT created_at FROM centres WHERE centre_id = ?', ['c1']))
          await new Promise((resolve) => setTimeout(resolve, 20))
          await tx.run('UPDATE centres SET created_at = ? WHERE centre_id = ?', [n + 1, 'c1'])
        })
      await Promise.all([bump(), bump(), bump(), bump()])
      expect(await db.value('SELECT created_at FROM centres')).toBe(4)
    } finally {
      await db.close()
    }
  })

  it('a transaction that throws leaves nothing behind, and the store goes on', async () => {
    const db = await store()
    try {
      await expect(
        db.tx(async (tx) => {
          await tx.run('INSERT INTO centres (centre_id, name, created_at) VALUES (?, ?, ?)', ['c1', 'Trung tâm', 0])
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await db.value('SELECT count(*) FROM centres')).toBe(0)
      expect(await db.value('SELECT 1 WHERE 1 = 2')).toBeUndefined()
    } finally {
      await db.close()
    }
  })

  it('`?` placeholders become $1, $2 … for PostgreSQL, except inside a quoted literal', () => {
    expect(dollarPlaceholders("SELECT ? AS a, 'what?' AS b, ? AS c")).toBe("SELECT $1 AS a, 'what?' AS b, $2 AS c")
    expect(dollarPlaceholders("SELECT 'it''s ?', ?")).toBe("SELECT 'it''s ?', $1")
  })
})
