// Limits of an import file (issue 11). A Worker has 128 MB: every limit keeps the parse of one
// file well under it (figures in docs/decisions/005-imports.md).
export const MAX_FILE_BYTES = 20 * 1024 * 1024
export const MAX_ROWS = 100_000
// More columns than any client file has; a hostile sheet with 10,000 columns stops here.
export const MAX_COLUMNS = 500
// Excel's own limit for one cell's text: a longer "cell" is not a spreadsheet cell.
export const MAX_CELL_CHARS = 32_767
// Rows per chunk: one transaction, one R2 object, one progress step.
export const CHUNK_SIZE = 1000
// XLSX parts: a declared or actual inflated size past these is a zip bomb, not a workbook.
export const MAX_SHEET_XML_BYTES = 400 * 1024 * 1024
export const MAX_PART_BYTES = 50 * 1024 * 1024
export const MAX_INFLATE_RATIO = 200

// A refusal of the file itself (not of one row): answered 400 or 413, nothing written.
export class FileRefused extends Error {
  readonly status: 400 | 413
  constructor(message: string, status: 400 | 413 = 400) {
    super(message)
    this.status = status
  }
}
