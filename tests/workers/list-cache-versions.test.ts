// The list cache's versions in the Workers runtime's own KV: dropping every dashboard must also
// drop a dashboard whose partition was never invalidated before (it had no version key yet).
import { env } from 'cloudflare:test'
import { expect, test } from 'vitest'
import { cachedList, invalidateLists } from '../../worker/cache/list-cache.ts'

test('dropping every dashboard drops one that was never invalidated before', async () => {
  const partition = `dashboard:user:${crypto.randomUUID()}`
  let loads = 0
  const read = () => cachedList(env, partition, 'p', {}, async () => ++loads)
  expect(await read()).toEqual({ value: 1, hit: false })
  expect(await read()).toEqual({ value: 1, hit: true })
  await invalidateLists(env, 'dashboard')
  expect(await read()).toEqual({ value: 2, hit: false })
  expect(await read()).toEqual({ value: 2, hit: true })
})
