// Where an import's pieces live in R2: the file as sent, its rows in chunks, the in-file
// duplicates found at start. Chunks are what the queue consumer reads, one at a time.
import type { Env } from '../env.ts'
import type { RawRow } from './import-plan.ts'

const prefix = (id: string) => `imports/${id}`
export const sourceKey = (id: string) => `${prefix(id)}/source`
const chunkKey = (id: string, n: number) => `${prefix(id)}/chunk-${n}.json`
const duplicatesKey = (id: string) => `${prefix(id)}/duplicates.json`

export const storeSource = (env: Pick<Env, 'FILES'>, id: string, bytes: Uint8Array) =>
  env.FILES.put(sourceKey(id), bytes).then(() => undefined)

export const storeChunk = (env: Pick<Env, 'FILES'>, id: string, n: number, json: string) =>
  env.FILES.put(chunkKey(id, n), json).then(() => undefined)

// An upload refused after some chunks were stored leaves nothing behind.
export async function removeImportFiles(env: Pick<Env, 'FILES'>, id: string) {
  for (;;) {
    const listed = await env.FILES.list({ prefix: `${prefix(id)}/` })
    if (listed.objects.length) await env.FILES.delete(listed.objects.map((o) => o.key))
    if (!listed.truncated) return
  }
}

export async function readChunk(env: Pick<Env, 'FILES'>, id: string, n: number): Promise<RawRow[]> {
  const object = await env.FILES.get(chunkKey(id, n))
  if (!object) throw new Error(`import ${id}: chunk ${n} missing from R2`)
  return (await object.json()) as RawRow[]
}

export async function* allChunks(env: Pick<Env, 'FILES'>, id: string, count: number) {
  for (let n = 0; n < count; n++) yield await readChunk(env, id, n)
}

export async function storeDuplicates(env: Pick<Env, 'FILES'>, id: string, duplicates: Map<number, number>) {
  await env.FILES.put(duplicatesKey(id), JSON.stringify([...duplicates]))
}

export async function readDuplicates(env: Pick<Env, 'FILES'>, id: string): Promise<Map<number, number>> {
  const object = await env.FILES.get(duplicatesKey(id))
  return new Map(object ? ((await object.json()) as [number, number][]) : [])
}
