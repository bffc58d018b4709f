// Import test helpers: multipart upload through the real API, waiting for a run to settle, and
// the report read back with an independent reader (exceljs).
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { type ApiClient, baseURL, eventually, randomIp } from '../setup/api-client.ts'

export const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url)))

export async function upload(client: ApiClient, entity: string, name: string, bytes: Uint8Array | string) {
  const form = new FormData()
  form.set('entity', entity)
  form.set('file', new Blob([bytes as BlobPart]), name)
  const res = await fetch(new URL('/api/v1/imports', baseURL()), {
    method: 'POST',
    headers: { cookie: client.cookie, origin: baseURL(), 'cf-connecting-ip': randomIp() },
    body: form,
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null }
}

export async function settled(client: ApiClient, id: string, statuses = ['completed', 'failed']) {
  return eventually(
    async () => {
      const res = await client.get(`/api/v1/imports/${id}`)
      return statuses.includes(res.body?.status) ? res.body : null
    },
    { timeout: 60_000 },
  )
}

export async function download(client: ApiClient, path: string) {
  const res = await fetch(new URL(path, baseURL()), { headers: { cookie: client.cookie } })
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) }
}

export async function readWorkbook(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes.buffer as ArrayBuffer)
  return wb
}
