import { z } from 'zod'
import type { Sql } from './store/types'

/**
 * Centres: the province groups its devices by one-stop-shop centre, so a centre's leader sees their own. IT names
 * each centre once (`collector centre --id … --name …`), then enrolls a device into it (`collector token --centre …`)
 * or moves one later (`collector assign`). Ratings carry the centre their device had when they arrived.
 */
export const CentreIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash, underscore')

export const CentreSchema = z.strictObject({
  centre_id: CentreIdSchema,
  name: z.string().min(1).max(200),
  created_at: z.number().int(),
})
export type Centre = z.infer<typeof CentreSchema>

/** Adds a centre, or renames it when the id is known. */
export async function saveCentre(db: Sql, centreId: string, name: string, now: number): Promise<Centre> {
  const id = CentreIdSchema.safeParse(centreId)
  if (!id.success) throw new Error(`--id: ${z.prettifyError(id.error)}`)
  const clean = name.trim().slice(0, 200)
  if (clean === '') throw new Error('--name: the centre needs a name')
  await db.run(
    `INSERT INTO centres (centre_id, name, created_at) VALUES (?, ?, ?)
     ON CONFLICT (centre_id) DO UPDATE SET name = excluded.name`,
    [id.data, clean, now],
  )
  const saved = await db.get('SELECT centre_id, name, created_at FROM centres WHERE centre_id = ?', [id.data])
  return CentreSchema.parse(saved)
}

export async function listCentres(db: Sql): Promise<Centre[]> {
  return (await db.all('SELECT centre_id, name, created_at FROM centres ORDER BY centre_id')).map((r) => CentreSchema.parse(r))
}

export async function centreExists(db: Sql, centreId: string): Promise<boolean> {
  return (await db.value('SELECT 1 FROM centres WHERE centre_id = ?', [centreId])) !== undefined
}

/** Moves a device into a centre (or out of any, with null); its ratings stored so far keep their centre. */
export async function assignDevice(db: Sql, deviceId: string, centreId: string | null): Promise<boolean> {
  if (centreId !== null && !(await centreExists(db, centreId))) throw new Error(`no centre ${centreId}: add it first`)
  return (await db.run('UPDATE devices SET centre_id = ? WHERE device_id = ?', [centreId, deviceId])) === 1
}
