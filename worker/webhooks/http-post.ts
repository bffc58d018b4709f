// One HTTP attempt: 15 s timeout, redirects not followed (a 3xx is a failure: following it could
// reach a private host the URL check never saw), at most 64 KB of the answer read.
import { parseRetryAfter } from './retry-schedule.ts'

export const TIMEOUT_MS = 15_000
export const RESPONSE_CAP_BYTES = 64 * 1024
const EXCERPT_CHARS = 2000

export type AttemptOutcome = {
  ok: boolean
  responseStatus: number | null
  excerpt: string
  durationMs: number
  retryAfterSeconds: number | null
}

async function readCapped(res: Response) {
  if (!res.body) return ''
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  while (size < RESPONSE_CAP_BYTES) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
  }
  await reader.cancel().catch(() => {})
  const all = new Uint8Array(Math.min(size, RESPONSE_CAP_BYTES))
  let offset = 0
  for (const c of chunks) {
    const part = c.subarray(0, all.byteLength - offset)
    all.set(part, offset)
    offset += part.byteLength
  }
  return new TextDecoder().decode(all)
}

export async function postOnce(url: string, headers: Record<string, string>, body: string): Promise<AttemptOutcome> {
  const started = Date.now()
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const text = await readCapped(res)
    const retryAfter = res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : null
    return {
      ok: res.status >= 200 && res.status < 300,
      responseStatus: res.status,
      excerpt:
        res.status >= 300 && res.status < 400
          ? `redirection vers ${res.headers.get('location') ?? '?'} non suivie`
          : text.slice(0, EXCERPT_CHARS),
      durationMs: Date.now() - started,
      retryAfterSeconds: retryAfter,
    }
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    return {
      ok: false,
      responseStatus: null,
      excerpt: timedOut ? `pas de réponse en ${TIMEOUT_MS / 1000} s` : String(error).slice(0, EXCERPT_CHARS),
      durationMs: Date.now() - started,
      retryAfterSeconds: null,
    }
  }
}
