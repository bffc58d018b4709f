// The few CSV lines JavaScript writes itself (an export's header, the import templates), quoted as
// Postgres' COPY quotes the rows that follow them: a value holding the separator, a quote or a
// line break goes in quotes, its quotes doubled. UTF-8 with a BOM, so Excel reads the accents.
export const BOM = '\uFEFF'

export function csvLine(values: string[], sep: ';' | ','): string {
  const quoted = (v: string) => (v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)
  return `${values.map(quoted).join(sep)}\r\n`
}
