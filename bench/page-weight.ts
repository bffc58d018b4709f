// First-load JavaScript of a page after `npm run build`: what a browser fetches for a cold visit,
// read from React Router's manifest (the entry and every matched route's module and imports,
// each once), gzip-compressed as a CDN serves it. Budget: 150 KB per page (issue 16).
//   node bench/page-weight.ts
import { readdirSync, readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

type Entry = { module: string; imports?: string[] }
type Manifest = { entry: Entry; routes: Record<string, Entry & { parentId?: string }> }

export const PAGE_WEIGHT_BUDGET_KB = 150

function readManifest(clientDir: string): Manifest {
  const file = readdirSync(`${clientDir}/assets`).find((f) => /^manifest-.*\.js$/.test(f))
  if (!file) throw new Error(`no React Router manifest in ${clientDir}/assets: run npm run build first`)
  const text = readFileSync(`${clientDir}/assets/${file}`, 'utf8')
  return JSON.parse(text.slice(text.indexOf('=') + 1).replace(/;\s*$/, '')) as Manifest
}

// The route and its parents up to the root, as the browser loads them for a first visit.
export function firstLoadJs(routeId: string, clientDir = 'build/client') {
  const manifest = readManifest(clientDir)
  const files = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])])
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id]
    if (!route) throw new Error(`no route ${id} in the manifest`)
    for (const f of [route.module, ...(route.imports ?? [])]) files.add(f)
  }
  const gzipBytes = [...files].reduce(
    (sum, f) => sum + gzipSync(readFileSync(`${clientDir}${f}`), { level: 9 }).length,
    0,
  )
  return { scripts: files.size, kb: gzipBytes / 1024 }
}

export const PAGES = { dashboard: 'routes/dashboard', organisations: 'routes/organisations' } as const

// The kanban has no budget of its own; it is printed for the phone benchmark (issue 15).
if (import.meta.main) {
  for (const [name, id] of Object.entries({ ...PAGES, kanban: 'routes/pipeline.kanban' })) {
    const { scripts, kb } = firstLoadJs(id)
    console.log(
      `${name.padEnd(14)} ${kb.toFixed(1)} KB gzip in ${scripts} scripts (budget ${PAGE_WEIGHT_BUDGET_KB} KB)`,
    )
  }
}
