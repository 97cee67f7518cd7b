import net from 'node:net'

/**
 * Where the province's alerts may be sent. An alert names a centre, a counter, an officer and what a citizen
 * complained of, so it is personal data under Decree 13/2023: it must not cross the internet in clear text, nor go
 * to a target no province would choose on purpose (a cloud's metadata address, a broadcast address). The policy:
 *
 * - `https://` to any host;
 * - `http://` only to an IP literal on this machine (127.0.0.0/8, ::1, `localhost`) or on a private LAN
 *   (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7): an internal relay that IT runs itself. A host *name* over
 *   plain http is refused, because what it resolves to is outside the province's hands;
 * - never link-local (169.254/16, fe80::/10 — cloud metadata lives there), unspecified, multicast or broadcast;
 * - no user name or password in the URL (it is shown on the admin page and written to logs; the HMAC secret is the
 *   credential), no fragment, no control character or white space, at most 500 characters.
 *
 * It is checked where the URL is saved and again before each send, so a URL saved before this rule is not used.
 */
export const WEBHOOK_URL_MAX = 500

export type WebhookUrlProblem = 'notUrl' | 'tooLong' | 'scheme' | 'plainHttpPublic' | 'credentials' | 'fragment' | 'oddTarget'

function blockList(subnets: readonly (readonly [string, number, 'ipv4' | 'ipv6'])[]): net.BlockList {
  const list = new net.BlockList()
  for (const [address, prefix, type] of subnets) list.addSubnet(address, prefix, type)
  return list
}

/** Plain http may go here: this machine or the province's own network. IPv4-mapped IPv6 matches the IPv4 rules. */
const INTERNAL = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
])

/** Never a webhook, whatever the scheme. */
const ODD = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
])

/** The URL parser keeps IPv6 literals in brackets; net wants them bare. */
function ipLiteral(hostname: string): { address: string; type: 'ipv4' | 'ipv6' } | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
  const family = net.isIP(bare)
  return family === 4 ? { address: bare, type: 'ipv4' } : family === 6 ? { address: bare, type: 'ipv6' } : null
}

/** Why this URL may not receive alerts, or null when it may. Never throws. */
export function webhookUrlProblem(raw: string): WebhookUrlProblem | null {
  if (raw.length > WEBHOOK_URL_MAX) return 'tooLong'
  // The parser would drop a tab or newline and encode a NUL or space, so the URL contacted would not be the one the
  // admin page shows; PostgreSQL also refuses a NUL in text. A URL has none of them: the string is refused whole.
  if (/[\p{Cc}\s]/u.test(raw)) return 'notUrl'
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'notUrl'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'scheme'
  if (url.username !== '' || url.password !== '') return 'credentials'
  if (url.hash !== '' || raw.includes('#')) return 'fragment'
  // The WHATWG parser has already turned 0x7f.1 or 2130706433 into 127.0.0.1, so the checks see the real address.
  const ip = ipLiteral(url.hostname)
  if (ip !== null && ODD.check(ip.address, ip.type)) return 'oddTarget'
  if (url.protocol === 'https:') return null
  const internal = url.hostname === 'localhost' || (ip !== null && INTERNAL.check(ip.address, ip.type))
  return internal ? null : 'plainHttpPublic'
}
