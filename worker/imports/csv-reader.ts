// CSV as a French Excel writes it (RFC 4180 quoting, CRLF, `;`), or as anything else does (`,`,
// tab): the separator is sniffed from the first lines, quoted fields keep their separators,
// doubled quotes and line breaks. Rows are handed out one at a time (no copy of the whole file).
import { FileRefused, MAX_CELL_CHARS, MAX_COLUMNS } from './file-limits.ts'

const CANDIDATES = [';', ',', '\t', '|'] as const

// The separator that splits the first lines into the same number of fields (more than one),
// counted outside quotes; ties go to `;`, then `,`.
export function sniffSeparator(text: string): string {
  const sample = text.slice(0, 64 * 1024)
  let best: string = CANDIDATES[0]
  let bestScore = -1
  for (const sep of CANDIDATES) {
    const counts: number[] = []
    let n = 0
    let quoted = false
    for (let i = 0; i < sample.length && counts.length < 20; i++) {
      const ch = sample[i]
      if (ch === '"') quoted = !quoted
      else if (!quoted && ch === sep) n++
      else if (!quoted && ch === '\n') {
        if (n > 0 || counts.length > 0) counts.push(n)
        n = 0
      }
    }
    if (n > 0) counts.push(n)
    if (counts.length === 0 || counts[0] === 0) continue
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length
    const score = consistent * 1000 + counts[0]!
    if (score > bestScore) {
      best = sep
      bestScore = score
    }
  }
  return best
}

// Yields [rowNumber, cells] per record; rowNumber is the record's position (1 = headers), as a
// spreadsheet shows it. Blank records are skipped but counted. A generator, so the caller can
// store what it has read before reading on (the rows of a file are never all held).
export function* csvRows(text: string, separator = sniffSeparator(text)): Generator<[number, string[]]> {
  const len = text.length
  let i = 0
  let row = 0
  while (i < len) {
    const cells: string[] = []
    row++
    for (;;) {
      let value: string
      if (text[i] === '"') {
        let j = i + 1
        let out = ''
        for (;;) {
          const q = text.indexOf('"', j)
          if (q === -1) throw new FileRefused(`Guillemet non fermé à partir de la ligne ${row}.`)
          out += text.slice(j, q)
          if (text[q + 1] === '"') {
            out += '"'
            j = q + 2
          } else {
            i = q + 1
            break
          }
          if (out.length > MAX_CELL_CHARS) {
            throw new FileRefused(`Ligne ${row} : une cellule dépasse ${MAX_CELL_CHARS} caractères.`)
          }
        }
        // Text after the closing quote (`"a"b`) is kept, as spreadsheets do.
        let k = i
        while (k < len && text[k] !== separator && text[k] !== '\n' && text[k] !== '\r') k++
        value = out + text.slice(i, k)
        i = k
      } else {
        let k = i
        while (k < len && text[k] !== separator && text[k] !== '\n' && text[k] !== '\r') k++
        value = text.slice(i, k)
        i = k
      }
      if (value.length > MAX_CELL_CHARS) {
        throw new FileRefused(`Ligne ${row} : une cellule dépasse ${MAX_CELL_CHARS} caractères.`)
      }
      cells.push(value)
      if (cells.length > MAX_COLUMNS)
        throw new FileRefused(`Plus de ${MAX_COLUMNS} colonnes : ce fichier n’est pas une liste de fiches.`)
      if (text[i] === separator) {
        i++
        continue
      }
      if (text[i] === '\r') i++
      if (text[i] === '\n') i++
      break
    }
    if (cells.some((c) => c.trim() !== '')) yield [row, cells]
  }
}

export function readCsv(text: string, onRow: (row: number, cells: string[]) => void, separator = sniffSeparator(text)) {
  for (const [row, cells] of csvRows(text, separator)) onRow(row, cells)
}
