// Addresses a webhook must never reach: private, loopback, link-local (cloud metadata), CGNAT,
// multicast, documentation and other reserved ranges (IANA special-purpose registries).
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
]

export function parseIPv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s)
  if (!m) return null
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return null
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!
}

const inV4 = (ip: number, [base, bits]: [string, number]) => {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0
  return (ip & mask) >>> 0 === (parseIPv4(base)! & mask) >>> 0
}

export const isLinkLocalV4 = (s: string) => {
  const ip = parseIPv4(s)
  return ip !== null && inV4(ip, ['169.254.0.0', 16])
}

// Expands an IPv6 literal (without brackets) to eight 16-bit groups, or null.
export function parseIPv6(s: string): number[] | null {
  if (!s.includes(':')) return null
  let text = s.toLowerCase()
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (v4) {
    const n = parseIPv4(v4[1]!)
    if (n === null) return null
    text = `${text.slice(0, -v4[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`
  }
  const [head = '', tail, ...rest] = text.split('::')
  if (rest.length) return null
  const h = head ? head.split(':') : []
  const t = tail !== undefined && tail !== '' ? tail.split(':') : []
  const fill = tail === undefined ? 0 : 8 - h.length - t.length
  if (fill < 0 || (tail === undefined && h.length !== 8)) return null
  const groups = [...h, ...Array(fill).fill('0'), ...t].map((g) =>
    /^[0-9a-f]{1,4}$/.test(g) ? Number.parseInt(g, 16) : NaN,
  )
  return groups.length === 8 && groups.every((g) => !Number.isNaN(g)) ? groups : null
}

const embeddedV4 = (g: number[]) => `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`

export function isBlockedAddress(address: string): boolean {
  const v4 = parseIPv4(address)
  if (v4 !== null) return V4_BLOCKED.some((r) => inV4(v4, r))
  const g = parseIPv6(address.replace(/^\[|\]$/g, ''))
  if (!g) return true // not an address we understand: refuse
  if (g.slice(0, 7).every((x) => x === 0)) return true // :: and ::1
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return isBlockedAddress(embeddedV4(g)) // v4-mapped
  if (g[0] === 0x64 && g[1] === 0xff9b) return isBlockedAddress(embeddedV4(g)) // NAT64
  if ((g[0]! & 0xffc0) === 0xfe80) return true // link-local
  if ((g[0]! & 0xfe00) === 0xfc00) return true // unique local
  if ((g[0]! & 0xff00) === 0xff00) return true // multicast
  if (g[0] === 0x2001 && g[1] === 0xdb8) return true // documentation
  if (g[0] === 0x2002) return isBlockedAddress(`${g[1]! >> 8}.${g[1]! & 255}.${g[2]! >> 8}.${g[2]! & 255}`) // 6to4
  return g[0] === 0x100 && g.slice(1, 4).every((x) => x === 0) // discard-only
}

export const isLinkLocalAddress = (address: string) => {
  if (isLinkLocalV4(address)) return true
  const g = parseIPv6(address.replace(/^\[|\]$/g, ''))
  if (!g) return false
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return isLinkLocalV4(embeddedV4(g))
  return (g[0]! & 0xffc0) === 0xfe80
}
