// Standard Webhooks signature (https://www.standardwebhooks.com/):
// HMAC-SHA256 over "{id}.{timestamp}.{body}", sent as "v1,<base64>". During a rotation overlap
// the header carries one signature per secret, space-separated, as the spec allows.
const enc = new TextEncoder()

export async function signWebhook(secret: string, id: string, timestamp: number, body: string) {
  const raw = secret.startsWith('whsec_')
    ? Uint8Array.from(atob(secret.slice(6)), (c) => c.charCodeAt(0))
    : enc.encode(secret)
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(`${id}.${timestamp}.${body}`))
  return `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`
}

export async function webhookHeaders(secrets: string[], id: string, timestamp: number, body: string) {
  const signatures = await Promise.all(secrets.map((s) => signWebhook(s, id, timestamp, body)))
  return {
    'content-type': 'application/json',
    'user-agent': 'CRM-Webhooks/1.0',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  }
}
