// Endpoint secrets: generated as Standard Webhooks wants (whsec_ + base64 of 32 random bytes) and
// stored encrypted (AES-GCM) under WEBHOOK_SECRET_KEY, a Worker secret, so that a database dump
// alone does not let anyone sign in our name.
import type { Env } from '../env.ts'

const PREFIX = 'enc:v1:'
const enc = new TextEncoder()
const dec = new TextDecoder()

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromB64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))

export function newWebhookSecret() {
  return `whsec_${toB64(crypto.getRandomValues(new Uint8Array(32)))}`
}

async function keyFrom(env: Pick<Env, 'WEBHOOK_SECRET_KEY'>) {
  if (!env.WEBHOOK_SECRET_KEY) throw new Error('WEBHOOK_SECRET_KEY is not set (wrangler secret put WEBHOOK_SECRET_KEY)')
  // Any high-entropy string works as the key material: hashing gives the 256 bits AES wants.
  const material = await crypto.subtle.digest('SHA-256', enc.encode(env.WEBHOOK_SECRET_KEY))
  return crypto.subtle.importKey('raw', material, 'AES-GCM', false, ['encrypt', 'decrypt'])
}

export async function sealSecret(env: Pick<Env, 'WEBHOOK_SECRET_KEY'>, secret: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyFrom(env), enc.encode(secret))
  return `${PREFIX}${toB64(iv)}:${toB64(new Uint8Array(sealed))}`
}

export async function openSecret(env: Pick<Env, 'WEBHOOK_SECRET_KEY'>, stored: string) {
  if (!stored.startsWith(PREFIX)) throw new Error('webhook secret is not sealed')
  const [iv = '', data = ''] = stored.slice(PREFIX.length).split(':')
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromB64(iv) }, await keyFrom(env), fromB64(data))
  return dec.decode(plain)
}
