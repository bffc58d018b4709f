// Runs `work` on every item with at most `width` running at once (queue batches: independent
// messages whose waits, database, KV, queue sends, overlap instead of adding up).
export async function concurrently<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0
  const lane = async () => {
    while (next < items.length) await work(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane))
}
