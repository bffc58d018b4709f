// Dates and numbers as a French reader expects them. Dates are calendar days in Paris, whatever
// the Worker's clock zone; a day is formatted once and cached (100,000 rows share few days).
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})
const dayCache = new Map<number, [number, number, number]>()

// [year, month, day] in Paris; cached per UTC hour (Paris is a whole number of hours off UTC).
export function parisDay(d: Date): [number, number, number] {
  const hour = Math.floor(d.getTime() / 3_600_000)
  let ymd = dayCache.get(hour)
  if (!ymd) {
    const [y, m, dd] = PARIS_DAY.format(d).split('-').map(Number) as [number, number, number]
    ymd = [y, m, dd]
    if (dayCache.size > 50_000) dayCache.clear()
    dayCache.set(hour, ymd)
  }
  return ymd
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))
export function frenchDate(d: Date) {
  const [y, m, dd] = parisDay(d)
  return `${pad(dd)}/${pad(m)}/${y}`
}

// Excel's serial day number (1900 system: day 25569 is 1970-01-01).
export function excelSerial(d: Date) {
  const [y, m, dd] = parisDay(d)
  return Date.UTC(y, m - 1, dd) / 86_400_000 + 25569
}

const EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
const EUR_CENTS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })
const INT = new Intl.NumberFormat('fr-FR')
// fr-FR separates thousands with U+202F (narrow no-break space) and puts U+00A0 before "€".
export const euros = (n: number, cents = false) => (cents ? EUR_CENTS : EUR).format(n)
export const integer = (n: number) => INT.format(n)

export function longDate(d = new Date()) {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(d)
}
