// An uploaded file → its header row and data rows in chunks of CHUNK_SIZE, serialised as they
// are read (the rows themselves are not all kept), with every limit checked before anything is
// stored.
import { readCsv } from './csv-reader.ts'
import { CHUNK_SIZE, FileRefused, MAX_FILE_BYTES, MAX_ROWS } from './file-limits.ts'
import { decodeText } from './text-decode.ts'
import { readXlsx } from './xlsx-reader.ts'
import type { RawRow } from './import-plan.ts'

export type ParsedFile = {
  format: 'csv' | 'xlsx'
  encoding?: string
  sheetName?: string
  sheetNames?: string[]
  headers: string[]
  rowCount: number
  chunks: string[]
  firstRows: RawRow[]
}

export function fileFormat(name: string): 'csv' | 'xlsx' {
  const ext = name.toLowerCase().split('.').pop()
  if (ext === 'csv' || ext === 'txt') return 'csv'
  if (ext === 'xlsx') return 'xlsx'
  if (ext === 'xls' || ext === 'ods' || ext === 'xlsm' || ext === 'numbers') {
    throw new FileRefused(
      `Les fichiers .${ext} ne sont pas acceptés : dans Excel ou LibreOffice, « Enregistrer sous » → « Classeur Excel (.xlsx) » ou « CSV UTF-8 ».`,
    )
  }
  throw new FileRefused('Format non reconnu : envoyez un fichier .csv ou .xlsx.')
}

export function parseFile(name: string, bytes: Uint8Array, options: { sheet?: string } = {}): ParsedFile {
  if (bytes.length > MAX_FILE_BYTES) throw new FileRefused('Fichier trop volumineux (20 Mo au maximum).', 413)
  if (bytes.length === 0) throw new FileRefused('Le fichier est vide.')
  const format = fileFormat(name)
  let headers: string[] | null = null
  let rowCount = 0
  let current: RawRow[] = []
  const chunks: string[] = []
  const firstRows: RawRow[] = []
  const onRow = (line: number, cells: string[]) => {
    if (!headers) {
      headers = cells.map((h, i) => h.trim() || `Colonne ${i + 1}`)
      return
    }
    if (++rowCount > MAX_ROWS) {
      throw new FileRefused(`Plus de ${MAX_ROWS.toLocaleString('fr-FR')} lignes : divisez le fichier.`, 413)
    }
    const row: RawRow = [line, cells.length > headers.length ? cells.slice(0, headers.length) : cells]
    if (firstRows.length < 20) firstRows.push(row)
    current.push(row)
    if (current.length === CHUNK_SIZE) {
      chunks.push(JSON.stringify(current))
      current = []
    }
  }
  let extra: Partial<ParsedFile> = {}
  if (format === 'csv') {
    const { text, encoding } = decodeText(bytes)
    readCsv(text, onRow)
    extra = { encoding }
  } else {
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new FileRefused('Ce fichier n’est pas un classeur .xlsx valide.')
    extra = readXlsx(bytes, onRow, options)
  }
  if (current.length) chunks.push(JSON.stringify(current))
  if (!headers) throw new FileRefused('Le fichier est vide.')
  if (rowCount === 0) throw new FileRefused('Le fichier n’a qu’une ligne d’en-têtes, aucune ligne de données.')
  return { format, headers, rowCount, chunks, firstRows, ...extra }
}
