// Which URLs a webhook may be sent to (SSRF). Production: https, a host name (no IP literal) that
// resolves only to public addresses and is not the app itself. Local runs and tests (ENVIRONMENT
// other than production, which a deployed Worker never has) may also use http://localhost.
// Link-local and cloud-metadata addresses are refused everywhere. Checked when the URL is saved
// and again before each delivery (the name may resolve elsewhere by then).
import type { Env } from '../env.ts'
import { isBlockedAddress, isLinkLocalAddress, parseIPv4, parseIPv6 } from './ip-ranges.ts'

export type Resolver = (host: string) => Promise<string[]>
export type UrlPolicy = { allowLocalHttp: boolean; appHost: string | null; resolve: Resolver }

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
const METADATA_HOSTS = new Set(['metadata', 'metadata.google.internal', 'metadata.azure.internal'])
const DOH = 'https://cloudflare-dns.com/dns-query'

// DNS over HTTPS (JSON API): a Worker has no resolver of its own to ask.
export const dohResolve: Resolver = async (host) => {
  const ask = async (type: 'A' | 'AAAA') => {
    const res = await fetch(`${DOH}?name=${encodeURIComponent(host)}&type=${type}`, {
      headers: { accept: 'application/dns-json' },
      signal: AbortSignal.timeout(5000),
    })
    if (!res.ok) throw new Error(`DNS lookup failed (${res.status})`)
    const body = (await res.json()) as { Answer?: { type: number; data: string }[] }
    return (body.Answer ?? []).filter((a) => a.type === 1 || a.type === 28).map((a) => a.data)
  }
  const [v4, v6] = await Promise.all([ask('A'), ask('AAAA')])
  return [...v4, ...v6]
}

export function urlPolicy(env: Pick<Env, 'ENVIRONMENT' | 'APP_URL'>, resolve: Resolver = dohResolve): UrlPolicy {
  let appHost: string | null = null
  try {
    appHost = new URL(env.APP_URL).host
  } catch {}
  return { allowLocalHttp: env.ENVIRONMENT !== 'production', appHost, resolve }
}

const isIpLiteral = (host: string) => parseIPv4(host) !== null || parseIPv6(host.replace(/^\[|\]$/g, '')) !== null

// The reason a URL is refused (French, shown to the admin), or null when it may be used.
export async function refuseWebhookUrl(raw: string, policy: UrlPolicy): Promise<string | null> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'URL invalide.'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Seules les URL https sont acceptées.'
  if (url.username || url.password) return 'L’URL ne doit pas contenir d’identifiants.'
  const host = url.hostname.toLowerCase()
  if (isIpLiteral(host) && isLinkLocalAddress(host)) return 'Les adresses link-local (métadonnées cloud) sont refusées.'
  if (METADATA_HOSTS.has(host)) return 'Les adresses de métadonnées cloud sont refusées.'
  const local = policy.allowLocalHttp && LOCAL_HOSTS.has(host)
  if (local) return url.host === policy.appHost ? 'L’URL ne peut pas viser l’application elle-même.' : null
  if (url.protocol !== 'https:') return 'Seules les URL https sont acceptées.'
  if (isIpLiteral(host)) return 'L’hôte doit être un nom de domaine, pas une adresse IP.'
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost est refusé.'
  if (policy.appHost && (host === policy.appHost || url.host === policy.appHost))
    return 'L’URL ne peut pas viser l’application elle-même.'
  let addresses: string[]
  try {
    addresses = await policy.resolve(host)
  } catch {
    return `Impossible de résoudre ${host}.`
  }
  if (addresses.length === 0) return `${host} ne se résout vers aucune adresse.`
  if (addresses.some(isBlockedAddress)) return `${host} se résout vers une adresse privée ou réservée.`
  return null
}
