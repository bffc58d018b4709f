// Reads /api/openapi.json into the list of operations the fuzzer attacks, and builds a valid
// value for any schema, so each hostile value is sent alone among otherwise valid fields (it
// then reaches the code behind validation instead of being refused for another field).
import { isinCheckDigit } from '../../worker/shared/fields.ts'

export type JsonSchema = {
  type?: string | string[]
  format?: string
  enum?: unknown[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  required?: string[]
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  default?: unknown
  $ref?: string
}
export type Param = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema }
export type Operation = {
  method: string
  path: string
  access: string
  params: Param[]
  body?: JsonSchema
}

export function operationsOf(spec: { paths: Record<string, Record<string, any>> }): Operation[] {
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        access: op['x-permission'] ?? 'public',
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })
    }
  }
  return ops
}

// Ids of records made for the run (see fixtures.ts), looked up by field name.
export type Ids = Record<string, string | undefined>

const types = (s: JsonSchema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : [])

export function validValue(name: string, s: JsonSchema, ids: Ids, depth = 0): unknown {
  const alt = s.anyOf ?? s.oneOf
  if (alt) return validValue(name, alt.find((a) => !types(a).includes('null')) ?? alt[0]!, ids, depth)
  if (s.enum) return s.enum.find((v) => v !== null)
  const t = types(s).filter((x) => x !== 'null')[0]
  if (t === 'object' || s.properties) {
    if (depth > 4) return {}
    return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, validValue(k, v, ids, depth + 1)]))
  }
  if (t === 'array') {
    const item = validValue(singular(name), s.items ?? {}, ids, depth + 1)
    return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item)
  }
  if (t === 'integer' || t === 'number') return s.minimum ?? 1
  if (t === 'boolean') return true
  return validString(name, s, ids)
}

const singular = (name: string) => name.replace(/Ids$/, 'Id').replace(/s$/, '')

function validString(name: string, s: JsonSchema, ids: Ids): string {
  if (s.format === 'uuid' || /Id$/.test(name) || name === 'id') return ids[name] ?? ids.id ?? ids.selfId ?? ''
  if (s.format === 'email' || /email/i.test(name)) return `fuzz.${Math.random().toString(36).slice(2, 10)}@example.test`
  if (s.format === 'date-time' || /At$/.test(name)) return '2026-06-15T10:30:00.000Z'
  if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') || /Date$|^from$|^to$|From$|To$/.test(name))
    return '2026-06-15'
  if (/isin/i.test(name)) {
    const body = `FR${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`
    return body + isinCheckDigit(body)
  }
  if (/amount|aum|fee/i.test(name)) return '1000.50'
  if (/password/i.test(name)) return 'Fuzz-Password-2026-long!'
  if (/phone/i.test(name)) return '+33 1 23 45 67 89'
  if (/postal/i.test(name)) return '75001'
  if (/website|url/i.test(name)) return 'https://example.test'
  if (name === 'permission') return 'organisations:read'
  const text = `fuzz ${name}`
  return s.maxLength !== undefined ? text.slice(0, s.maxLength) : text
}

// Every leaf field of a body, as a path (['changes', 0, 'permission']), for one-at-a-time mutation.
export function fieldPaths(
  s: JsonSchema | undefined,
  prefix: (string | number)[] = [],
  depth = 0,
): (string | number)[][] {
  if (!s || depth > 4) return []
  const alt = s.anyOf ?? s.oneOf
  // A union body (one shape per action) is attacked through its first object shape.
  const shape = alt?.find((a) => a.properties)
  if (alt) return prefix.length || !shape ? [prefix] : fieldPaths(shape, prefix, depth + 1)
  if (s.properties) {
    return Object.entries(s.properties).flatMap(([k, v]) => [
      ...(v.properties || v.items?.properties ? [[...prefix, k]] : []),
      ...fieldPaths(v, [...prefix, k], depth + 1),
    ])
  }
  if (types(s).includes('array') && s.items?.properties) return fieldPaths(s.items, [...prefix, 0], depth + 1)
  return prefix.length ? [prefix] : []
}

export function schemaAt(s: JsonSchema | undefined, path: (string | number)[]): JsonSchema {
  let cur = s ?? {}
  for (const key of path) cur = (typeof key === 'number' ? cur.items : cur.properties?.[key]) ?? {}
  return cur
}

export function setAt(obj: any, path: (string | number)[], value: unknown) {
  let cur = obj
  for (const key of path.slice(0, -1)) {
    if (cur[key] == null || typeof cur[key] !== 'object') cur[key] = typeof key === 'number' ? [] : {}
    cur = cur[key]
  }
  cur[path.at(-1)!] = value
  return obj
}
