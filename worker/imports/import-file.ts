// An uploaded file → its header row and data rows in chunks of CHUNK_SIZE, each handed to the
// store as soon as it is full (the rows themselves are never all kept), every limit checked.
import { csvRows } from './csv-reader.ts'
import { CHUNK_SIZE, FileRefused, MAX_FILE_BYTES, MAX_ROWS } from './file-limits.ts'
import { decodeText } from './text-decode.ts'
import { openXlsx } from './xlsx-reader.ts'
import type { RawRow } from './import-plan.ts'

export type ParsedFile = {
  format: 'csv' | 'xlsx'
  encoding?: string
  sheetName?: string
  sheetNames?: string[]
  headers: string[]
  rowCount: number
  chunkCount: number
  firstRows: RawRow[]
}

export function fileFormat(name: string): 'csv' | 'xlsx' {
  const ext = name.toLowerCase().split('.').pop()
  if (ext === 'csv' || ext === 'txt') return 'csv'
  if (ext === 'xlsx') return 'xlsx'
  if (ext === 'xls' || ext === 'ods' || ext === 'xlsm' || ext === 'numbers') {
    throw new FileRefused(
      `Les fichiers .${ext} ne sont pas acceptés : dans Excel ou LibreOffice, ` +
        '« Enregistrer sous » → « Classeur Excel (.xlsx) » ou « CSV UTF-8 ».',
    )
  }
  throw new FileRefused('Format non reconnu : envoyez un fichier .csv ou .xlsx.')
}

// `store(n, json)` receives each chunk as soon as it is full and is awaited before reading on:
// the file's rows are never all in memory (peak in docs/decisions/005-imports.md). A refusal
// found past the first chunks throws after some were stored: the caller removes them.
export async function parseFile(
  name: string,
  bytes: Uint8Array,
  store: (n: number, json: string) => Promise<void>,
  options: { sheet?: string } = {},
): Promise<ParsedFile> {
  if (bytes.length > MAX_FILE_BYTES) throw new FileRefused('Fichier trop volumineux (20 Mo au maximum).', 413)
  if (bytes.length === 0) throw new FileRefused('Le fichier est vide.')
  const format = fileFormat(name)
  let rows: Iterable<[number, string[]]>
  let extra: Partial<ParsedFile> = {}
  let text = ''
  if (format === 'csv') {
    const decoded = decodeText(bytes)
    text = decoded.text
    rows = csvRows(text)
    extra = { encoding: decoded.encoding }
  } else {
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
      throw new FileRefused('Ce fichier n’est pas un classeur .xlsx valide.')
    }
    const sheet = openXlsx(bytes, options)
    rows = sheet.rows
    extra = { sheetName: sheet.sheetName, sheetNames: sheet.sheetNames }
  }
  let headers: string[] | null = null
  let rowCount = 0
  let chunkCount = 0
  let current: RawRow[] = []
  const firstRows: RawRow[] = []
  for (const [line, cells] of rows) {
    if (!headers) {
      headers = cells.map((h, i) => h.trim() || `Colonne ${i + 1}`)
      continue
    }
    if (++rowCount > MAX_ROWS) {
      throw new FileRefused(`Plus de ${MAX_ROWS.toLocaleString('fr-FR')} lignes : divisez le fichier.`, 413)
    }
    const row: RawRow = [line, cells.length > headers.length ? cells.slice(0, headers.length) : cells]
    if (firstRows.length < 20) firstRows.push(row)
    current.push(row)
    if (current.length === CHUNK_SIZE) {
      await store(chunkCount++, JSON.stringify(current))
      current = []
    }
  }
  text = ''
  if (!headers) throw new FileRefused('Le fichier est vide.')
  if (rowCount === 0) throw new FileRefused('Le fichier n’a qu’une ligne d’en-têtes, aucune ligne de données.')
  if (current.length) await store(chunkCount++, JSON.stringify(current))
  return { format, headers, rowCount, chunkCount, firstRows, ...extra }
}
