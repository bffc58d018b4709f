// One zod schema per field, shared by API validation and web forms (messages in French: users
// see them next to the field).
import { z } from 'zod'

const trimmed = (max: number) => z.string().trim().max(max, `${max} caractères au maximum.`)
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional())

export const NameSchema = trimmed(200).min(1, 'Ce champ est obligatoire.')
export const EmailSchema = z.string().trim().toLowerCase().max(254).email('Adresse e-mail invalide.')
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ().-]{6,20}$/, 'Numéro de téléphone invalide (chiffres, espaces, +, -, ., parenthèses).')
export const PostalCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9 -]{3,10}$/, 'Code postal invalide.')
export const WebsiteSchema = z
  .string()
  .trim()
  .max(300)
  .transform((v) => (/^https?:\/\//i.test(v) ? v : `https://${v}`))
  .pipe(z.string().url('Adresse web invalide.'))
// Money is a decimal string with at most two decimals: never a float. At most 12 integer digits
// (under 1,000 billion): the columns are numeric(16,2), so 10,000 such amounts still sum within
// 16 digits, and the sums themselves are never cast back to numeric(16,2) (sumMoneySql).
export const MAX_MONEY_DIGITS = 12
export const MoneySchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim().replace(/\s/g, '').replace(',', '.'))
  .pipe(
    z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'Montant invalide (ex. 125000 ou 125000,50 ; moins de 1 000 milliards).'),
  )
export const NotesSchema = trimmed(10_000)
export const TextSchema = (max = 200) => trimmed(max)

export const opt = optional
export const UuidSchema = z.string().uuid('Identifiant invalide.')

// ISIN (ISO 6166): 2 letters (country), 9 alphanumerics, 1 Luhn check digit computed over the
// letters turned into numbers (A=10 … Z=35). A typo in one character always fails the check.
export function isinCheckDigit(first11: string) {
  const digits = [...first11].map((ch) => (/[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch)).join('')
  let sum = 0
  let double = true
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i])
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return (10 - (sum % 10)) % 10
}

export function isValidIsin(value: string) {
  return /^[A-Z]{2}[A-Z0-9]{9}[0-9]$/.test(value) && isinCheckDigit(value.slice(0, 11)) === Number(value[11])
}
export const IsinSchema = z
  .string()
  .trim()
  .toUpperCase()
  .transform((v) => v.replace(/\s/g, ''))
  .pipe(z.string().refine(isValidIsin, 'Code ISIN invalide (2 lettres, 9 caractères, 1 chiffre de contrôle).'))
// A calendar day that exists, years 1 to 9999: Postgres refuses year 0, and JavaScript's Date
// silently turns 30 February into 2 March, so each part is checked, not parsed and trusted.
export function isRealDay(year: number, month: number, day: number) {
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(2000, month, 0)).getUTCDate() &&
    (month !== 2 || day < 29 || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)))
  )
}
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/i
export const isRealDate = (v: string) => {
  const m = DAY.exec(v)
  return Boolean(m) && isRealDay(Number(m![1]), Number(m![2]), Number(m![3]))
}
export const isRealDateTime = (v: string) => {
  const m = INSTANT.exec(v)
  if (!m || !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false
  const [h, min, sec, offH, offM] = [m[4], m[5], m[6] ?? '0', m[8] ?? '0', m[9] ?? '0'].map(Number)
  return h! <= 23 && min! <= 59 && sec! <= 59 && offH! <= 18 && offM! <= 59 && !Number.isNaN(Date.parse(v))
}
// A calendar day (YYYY-MM-DD), e.g. a mandate's start date: no time zone to get wrong.
export const DateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date invalide (AAAA-MM-JJ).')
  .refine(isRealDate, 'Date invalide (AAAA-MM-JJ).')
// An instant, ISO 8601 with an offset (stored and answered in UTC); 24:00, 30 February and
// year 0 are refused rather than shifted.
export const DateTimeSchema = z
  .string()
  .trim()
  .refine(isRealDateTime, 'Date et heure invalides (ISO 8601, ex. 2026-03-01T14:30:00Z).')
  .transform((v) => new Date(v).toISOString())
