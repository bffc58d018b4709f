// One zod schema per field, shared by API validation and web forms (messages in French: users
// see them next to the field).
import { z } from 'zod'

const trimmed = (max: number) => z.string().trim().max(max, `${max} caractères au maximum.`)
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable().optional())

export const NameSchema = trimmed(200).min(1, 'Ce champ est obligatoire.')
export const EmailSchema = z.string().trim().toLowerCase().max(254).email('Adresse e-mail invalide.')
export const PhoneSchema = z.string().trim()
  .regex(/^\+?[0-9 ().-]{6,20}$/, 'Numéro de téléphone invalide (chiffres, espaces, +, -, ., parenthèses).')
export const PostalCodeSchema = z.string().trim().regex(/^[A-Za-z0-9 -]{3,10}$/, 'Code postal invalide.')
export const WebsiteSchema = z.string().trim().max(300)
  .transform((v) => (/^https?:\/\//i.test(v) ? v : `https://${v}`))
  .pipe(z.string().url('Adresse web invalide.'))
// Money is a decimal string with at most two decimals: never a float.
export const MoneySchema = z.union([z.string(), z.number()])
  .transform((v) => String(v).trim().replace(/\s/g, '').replace(',', '.'))
  .pipe(z.string().regex(/^\d{1,14}(\.\d{1,2})?$/, 'Montant invalide (ex. 125000 ou 125000,50).'))
export const NotesSchema = trimmed(10_000)
export const TextSchema = (max = 200) => trimmed(max)

export const opt = optional
export const UuidSchema = z.string().uuid('Identifiant invalide.')
