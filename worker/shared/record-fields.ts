// A record's writable fields, listed once: each with the schema that takes it in (API and forms)
// and the plain type the API answers with. Both sit on one line because OpenAPI documents an
// answer by its schema's input side: a transforming input schema reused for the answer would
// document `amount` as "string or number" and add the input's limits to what the API returns.
import type { z } from 'zod'

export type FieldPair = readonly [input: z.ZodType, answer: z.ZodType]
type Side<F extends Record<string, FieldPair>, I extends 0 | 1> = { [K in keyof F]: F[K][I] }

const side = <F extends Record<string, FieldPair>, I extends 0 | 1>(fields: F, i: I) =>
  Object.fromEntries(Object.entries(fields).map(([key, pair]) => [key, pair[i]])) as Side<F, I>

export const inputShape = <F extends Record<string, FieldPair>>(fields: F) => side(fields, 0)
export const answerShape = <F extends Record<string, FieldPair>>(fields: F) => side(fields, 1)

// The one conversion from a stored value to JSON: timestamps as ISO 8601 UTC. Decimal columns
// already arrive as strings (numeric is never read as a float), the rest as they are.
const toJson = (value: unknown) => (value instanceof Date ? value.toISOString() : value)

// An answer built from a row by the answer schema's keys, in its order; `computed` holds the
// keys that are no column (a name read by a join, a flag worked out from the row). A key that is
// neither a column of the row nor computed does not compile.
export function answerFromRow<S extends z.ZodRawShape, C extends { [K in keyof S]?: unknown }>(
  shape: S,
  row: { [K in Exclude<keyof S, keyof C>]: unknown },
  computed: C,
) {
  const source = row as Record<string, unknown>
  const extra = computed as Record<string, unknown>
  return Object.fromEntries(
    Object.keys(shape).map((key) => [key, key in extra ? extra[key] : toJson(source[key])]),
  ) as Omit<{ [K in keyof S]: z.output<S[K]> }, keyof C> & C
}
