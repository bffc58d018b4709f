// Reading exported files back with implementations that are not ours: csv-parse for CSV, exceljs
// and the zip's own parts for workbooks, poppler's pdftotext for PDFs.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { unzipSync, strFromU8 } from 'fflate'
import { baseURL, randomIp, type ApiClient } from '../setup/api-client.ts'

export async function download(client: ApiClient, path: string) {
  const res = await fetch(new URL(path, baseURL()), {
    headers: { cookie: client.cookie, origin: baseURL(), 'cf-connecting-ip': randomIp() },
    redirect: 'manual',
  })
  const bytes = new Uint8Array(await res.arrayBuffer())
  return { status: res.status, headers: res.headers, bytes, text: () => new TextDecoder().decode(bytes) }
}

export function readCsv(bytes: Uint8Array, delimiter: ';' | ',') {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  return { hasBom: text.startsWith('\uFEFF'), records: parse(text, { bom: true, delimiter }) as string[][] }
}

export async function readWorkbook(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  const parts = unzipSync(bytes)
  const part = (name: string) => (parts[name] ? strFromU8(parts[name]!) : undefined)
  return { workbook, part, partNames: Object.keys(parts) }
}

export function pdfText(bytes: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), 'crm-pdf-'))
  const file = join(dir, 'export.pdf')
  writeFileSync(file, bytes)
  return {
    text: execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
    pages: Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]),
  }
}
