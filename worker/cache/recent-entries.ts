// The list entries this isolate stored last, as JSON text, bounded in bytes. A miss writes its
// entry to KV after the response (waitUntil): the same isolate's next request for that list must
// not miss again because the write has not landed yet. The entry still carries its version, so a
// write anywhere invalidates it as before. Text, not objects: requests never share a mutable value.
const MAX_BYTES = 4 * 1024 * 1024

export type RecentEntry = { v: string; json: string }

const entries = new Map<string, RecentEntry>()
let bytes = 0

export function recentEntry(key: string): RecentEntry | undefined {
  return entries.get(key)
}

export function rememberEntry(key: string, entry: RecentEntry) {
  forget(key)
  // An entry larger than the whole budget would only push every other one out.
  if (entry.json.length > MAX_BYTES / 4) return
  entries.set(key, entry)
  bytes += entry.json.length
  // Maps iterate in insertion order: the first keys are the least recently stored.
  for (const oldest of entries.keys()) {
    if (bytes <= MAX_BYTES) break
    forget(oldest)
  }
}

function forget(key: string) {
  const old = entries.get(key)
  if (!old) return
  bytes -= old.json.length
  entries.delete(key)
}
