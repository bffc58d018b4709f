// fr-FR formatting for dates, numbers and amounts (amounts arrive as decimal strings).
const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
const moneyCompact = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  notation: 'compact',
  maximumSignificantDigits: 3,
})
const number = new Intl.NumberFormat('fr-FR')
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 })
const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'Europe/Paris' })
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' })
const relative = new Intl.RelativeTimeFormat('fr-FR', { numeric: 'auto' })

export const formatMoney = (v: string | number | null | undefined) =>
  v == null || v === '' ? '—' : money.format(Number(v))
export const formatMoneyCompact = (v: string | number | null | undefined) =>
  v == null || v === '' ? '—' : moneyCompact.format(Number(v))
export const formatNumber = (v: number) => number.format(v)
// A ratio between 0 and 1 ("42 %").
export const formatPercent = (v: number | null | undefined) => (v == null || Number.isNaN(v) ? '—' : percent.format(v))
export const formatDays = (v: number | null | undefined) => (v == null ? '—' : `${number.format(Math.round(v))} j`)
export const formatDate = (v: string | null | undefined) => (v ? date.format(new Date(v)) : '—')
export const formatDateTime = (v: string | null | undefined) => (v ? dateTime.format(new Date(v)) : '—')

// "il y a 3 jours", "dans 2 jours", "aujourd'hui": for due dates and last contacts.
export function formatRelative(v: string | null | undefined, now = Date.now()) {
  if (!v) return '—'
  const days = Math.round((new Date(v).getTime() - now) / 86_400_000)
  if (Math.abs(days) < 1) return relative.format(0, 'day')
  if (Math.abs(days) < 45) return relative.format(days, 'day')
  const months = Math.round(days / 30)
  return Math.abs(months) < 12 ? relative.format(months, 'month') : relative.format(Math.round(days / 365), 'year')
}

// <input type="date"> and <input type="datetime-local"> work in Paris time (the firm's time zone,
// the same as every date shown), whatever the browser's or the server's zone.
const TZ = 'Europe/Paris'
const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})
function parisWall(ms: number) {
  const p = Object.fromEntries(wallClock.formatToParts(new Date(ms)).map((x) => [x.type, x.value]))
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`
}
export function toDateInput(v: string | null | undefined) {
  if (!v) return ''
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : parisWall(new Date(v).getTime()).slice(0, 10)
}
export function toDateTimeInput(v: string | Date | null | undefined) {
  return v ? parisWall(new Date(v).getTime()) : ''
}
// "2026-03-01T14:30" read as Paris time → ISO 8601 UTC (what the API expects).
export function fromDateTimeInput(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return v
  const asUtc = Date.parse(`${v}:00Z`)
  const offset = (ms: number) => Date.parse(`${parisWall(ms)}:00Z`) - Math.floor(ms / 60_000) * 60_000
  let ms = asUtc - offset(asUtc)
  ms = asUtc - offset(ms)
  return new Date(ms).toISOString()
}
