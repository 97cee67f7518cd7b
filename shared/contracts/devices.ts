import { z } from 'zod'
import { IdSchema, line } from '../schemas/common'
import {
  DeviceNameSchema,
  DeviceSchema,
  FoundHubSchema,
  LinkStatusSchema,
  PairedSchema,
  PairingTicketSchema,
  PairStartSchema,
} from '../schemas/devices'
import { anyone, itOnly, onDevices } from './access'
import { NoInputSchema, call } from './call'

/** The link to the hub is the client PC's own business: never answered for a caller over the LAN. */
const hubWindowsOnly = onDevices(anyone, [])

const DeviceId = z.strictObject({ id: z.uuid() })

/** IT, on the hub's own screen or a paired admin client (Quản trị → Thiết bị). */
export const deviceCalls = {
  'devices:list': call(NoInputSchema, z.array(DeviceSchema).max(1000), itOnly),
  /** A one-time pairing code for a new PC in this role, valid 10 minutes. */
  'devices:pairStart': call(PairStartSchema, PairingTicketSchema, itOnly),
  'devices:rename': call(z.strictObject({ id: z.uuid(), name: DeviceNameSchema }), DeviceSchema, itOnly),
  'devices:move': call(z.strictObject({ id: z.uuid(), counterId: IdSchema }), DeviceSchema, itOnly),
  /** Cut off at once, for good: a revoked device must be paired again as a new device. */
  'devices:revoke': call(DeviceId, DeviceSchema, itOnly),
}

/** A client PC's own core: its link to the hub ("Kết nối với kiosk chính"). */
export const linkCalls = {
  'link:status': call(NoInputSchema, LinkStatusSchema, hubWindowsOnly),
  /** The scanned QR text, or the typed `address:port CODE`. */
  'link:pair': call(z.strictObject({ code: line(600, 1) }), PairedSchema, hubWindowsOnly),
  /** Hubs announcing themselves on the LAN, for the pairing screen to offer (empty once paired, and on a hub). */
  'link:discover': call(NoInputSchema, z.array(FoundHubSchema).max(16), hubWindowsOnly),
}

export const linkEvents = {
  /** The link to the hub came up or went down (a banner shows the age of the data while it is down). */
  'link:status': LinkStatusSchema,
}
