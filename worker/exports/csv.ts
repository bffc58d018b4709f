// CSV for French spreadsheets: UTF-8 with a BOM (Excel then reads the accents right), `;` by
// default with decimal commas (what French Excel parses as numbers), `,` with decimal points.
// A text cell that a spreadsheet would take for a formula is neutralised with a leading quote
// (OWASP "CSV injection": =, +, -, @, tab, CR).
import type { CellValue, Column } from './export-columns.ts'
import { frenchDate } from './export-format.ts'

export const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: CellValue, sep: ';' | ',') {
  if (value === null || value === '') return ''
  if (value instanceof Date) return frenchDate(value)
  if (typeof value === 'number') return sep === ';' ? String(value).replace('.', ',') : String(value)
  let s = FORMULA_START.test(value) ? `'${value}` : value
  if (s.includes(sep) || s.includes('"') || s.includes('\n') || s.includes('\r')) s = `"${s.replaceAll('"', '""')}"`
  return s
}

export function csvHeader(columns: Column[], sep: ';' | ',') {
  return `${BOM}${columns.map((c) => csvCell(c.header, sep)).join(sep)}\r\n`
}

export function csvLines(rows: CellValue[][], sep: ';' | ',') {
  let out = ''
  for (const row of rows) {
    let line = ''
    for (let i = 0; i < row.length; i++) line += (i ? sep : '') + csvCell(row[i]!, sep)
    out += `${line}\r\n`
  }
  return out
}
