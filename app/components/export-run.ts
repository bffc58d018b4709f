// Runs an export from the browser: a small one downloads at once; a large one comes back as
// 202 { id } and is followed here (progress every second) until its file is ready.
import { t } from '../i18n/fr'
import { api, problemMessage } from '../lib/api-client'
import type { Problem } from '../lib/api.server'

export type ExportRequest = {
  entity: string
  format: 'csv' | 'xlsx' | 'pdf'
  query: string
  ids: string[]
  sep?: ','
}
export type ExportJobView = {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed' | 'expired'
  progress: number
  rowCount: number | null
  fileName: string | null
  failure: string | null
  downloadUrl?: string
}
type Callbacks = { onJob: (job: ExportJobView) => void; onError: (message: string) => void }

const POLL_MS = 1000

export function exportUrl(r: ExportRequest) {
  const params = new URLSearchParams(r.query)
  for (const k of ['cursor', 'limit', 'view']) params.delete(k)
  if (r.sep) params.set('sep', r.sep)
  if (r.ids.length) params.set('ids', r.ids.join(','))
  return `/api/v1/exports/${r.entity}.${r.format}?${params}`
}

export async function runExport(r: ExportRequest, cb: Callbacks) {
  const res = await fetch(exportUrl(r), { credentials: 'same-origin' }).catch(() => null)
  if (!res) return cb.onError(t('export.network'))
  if (res.status === 202) return follow(((await res.json()) as { id: string }).id, cb)
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({ title: res.statusText, status: res.status }))) as Problem
    return cb.onError(problemMessage({ status: res.status, problem }, t('export.failed')))
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `export.${r.format}`
  save(await res.blob(), name)
}

async function follow(id: string, cb: Callbacks) {
  for (;;) {
    const res = await api<ExportJobView>(`/api/v1/exports/${id}`)
    if (!res.ok) return cb.onError(problemMessage(res, t('export.failed')))
    cb.onJob(res.data)
    if (res.data.status !== 'queued' && res.data.status !== 'running') return
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
