// When to try again. The schedule is the Standard Webhooks / Svix one (about three days), with
// ±10 % jitter so that endpoints coming back up are not hit by every retry in the same second.
export const RETRY_SCHEDULE_SECONDS = [0, 5, 300, 1800, 7200, 18_000, 36_000, 50_400, 72_000, 86_400] as const
export const MAX_ATTEMPTS = RETRY_SCHEDULE_SECONDS.length
// A Queues message can be delayed by at most 12 hours; longer waits hop (webhooks.consumer.ts).
export const MAX_QUEUE_DELAY_SECONDS = 43_200
const MAX_RETRY_AFTER_SECONDS = 86_400

// Delay before attempt `attempt + 1`, or null when `attempt` was the last one. A Retry-After
// the receiver sent with 429/503 wins over the schedule.
export function nextRetryDelaySeconds(
  attempt: number,
  { retryAfterSeconds, random = Math.random }: { retryAfterSeconds?: number | null; random?: () => number } = {},
): number | null {
  if (attempt >= MAX_ATTEMPTS) return null
  if (retryAfterSeconds != null) return Math.min(Math.max(retryAfterSeconds, 0), MAX_RETRY_AFTER_SECONDS)
  return RETRY_SCHEDULE_SECONDS[attempt]! * (0.9 + 0.2 * random())
}

// Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3).
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000))
}
