// Hostile inputs, by class. Each class gives values for one field (chosen from the field's schema
// and name) or for the whole body. `mustRefuse` marks values no route may accept: a 2xx for them
// is a wrong answer (stored shifted, or stored as U+FFFD), not just a lenient one.
import type { JsonSchema } from './openapi-ops.ts'

export type Hostile = {
  value?: unknown
  // Pre-encoded text for a query or path (what encodeURIComponent cannot produce: invalid UTF-8).
  raw?: string
  mustRefuse?: boolean
  label: string
}
export type BodyHostile = { label: string; contentType?: string; bytes: string | Uint8Array; mustRefuse?: boolean }

export const isDateLike = (name: string, s: JsonSchema) =>
  s.format === 'date' ||
  s.format === 'date-time' ||
  Boolean(s.pattern?.includes('\\d{4}')) ||
  /(At|Date|From|To)$/.test(name) ||
  // `from`/`to` are date filters, except a mailbox's `to` (an address, long maxLength).
  (/^(from|to)$/.test(name) && !(s.maxLength && s.maxLength > 100))

const b64url = (s: string) => Buffer.from(s).toString('base64url')
const UUIDISH = [
  '------------------------------------',
  '0123456789abcdef0123456789abcdef0123',
  'ffffffff-ffff-ffff-ffff-fffffffffff-',
  '00000000-0000-0000-0000-00000000000g'.replace('g', '-'),
  'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa',
  '00000000-0000-0000-0000-000000000000',
  'abcdef01-2345-6789-abcd-ef0123456789-'.slice(0, 36),
  'aaaaaaaaa-aaa-aaaa-aaaa-aaaaaaaaaaaa',
]
const IMPOSSIBLE_DATES = [
  '2026-02-30',
  '0000-01-01',
  '2026-13-01',
  '2026-00-10',
  '2025-02-29',
  '2026-02-30T10:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-04-31T08:00:00+02:00',
  '0000-01-01T00:00:00Z',
  '2026-01-01T10:60:00Z',
  '2026-01-01T10:00:00+25:00',
]
const ODD_DATES = ['275760-09-14T00:00:00Z', '-001000-01-01', '9999-12-31T23:59:59.999999999Z', '2026-1-1', 'now']
const LIKE_SQL = [
  '%',
  '_',
  '\\',
  '%_%\\',
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '$1',
  '$$',
  'a\\',
  '"',
  '*',
  '(',
  ':*',
  '!',
  '&|',
]
const CURSORS = [
  'x',
  '!!!!',
  b64url('[1]'),
  b64url('["2026-02-30T00:00:00Z","00000000-0000-0000-0000-000000000000"]'),
  b64url('["not a date","00000000-0000-0000-0000-000000000000"]'),
  b64url('[{"a":1},"00000000-0000-0000-0000-000000000000"]'),
  b64url('[null,"------------------------------------"]'),
  b64url('[1e400,"0123456789abcdef0123456789abcdef0123"]'),
  b64url('["a\\u0000b","00000000-0000-0000-0000-000000000000"]'),
  b64url('["x".repeat(5)]'),
  b64url('[99999999999999999999999,"00000000-0000-0000-0000-000000000000"]'),
  b64url('["zzz",123]'),
]
const TYPES: unknown[] = [{}, [], 12, -1, 1.5, true, null, 'x', '', ['a'], { a: 1 }]

// Per-field classes: each returns candidate values for a field with this name and schema.
export const FIELD_CLASSES: Record<string, (name: string, s: JsonSchema) => Hostile[]> = {
  type: () => TYPES.map((value) => ({ value, label: `type ${JSON.stringify(value)}` })),
  limits: (_name, s) => {
    const out: Hostile[] = [
      { value: '9'.repeat(30), label: 'long digits' },
      { value: '99999999999999.99', label: 'money max' },
      { value: '-99999999999999.99', label: 'money min' },
      { value: 1e308, label: '1e308' },
      { value: -1, label: '-1' },
      { value: 2 ** 53 + 1, label: '2^53+1' },
      { value: '1e5', label: 'exponent' },
      { value: ' ', label: 'blank' },
      { value: '0', label: 'zero' },
      { value: 2147483648, label: 'int32 overflow' },
    ]
    if (s.maxLength !== undefined) out.push({ value: 'é'.repeat(s.maxLength + 1), label: 'maxLength+1' })
    if (s.maximum !== undefined) out.push({ value: s.maximum + 1, label: 'maximum+1' })
    if (s.minimum !== undefined) out.push({ value: s.minimum - 1, label: 'minimum-1' })
    return out
  },
  nul: () => [
    { value: 'a\u0000b', raw: 'a%00b', mustRefuse: true, label: 'NUL inside' },
    { value: '\u0000', raw: '%00', mustRefuse: true, label: 'NUL alone' },
  ],
  surrogate: () => [
    { value: 'a\uD800b', raw: 'a%ED%A0%80b', mustRefuse: true, label: 'lone high surrogate' },
    { value: '\uDFFF', raw: '%ED%BF%BF', mustRefuse: true, label: 'lone low surrogate' },
  ],
  utf8: () => [
    { raw: '%C3%28', mustRefuse: true, label: 'invalid UTF-8 in URL' },
    { raw: '%FF%FE', mustRefuse: true, label: 'bytes FF FE in URL' },
    { raw: '%C0%AF', mustRefuse: true, label: 'overlong slash in URL' },
  ],
  huge: () => [
    { value: 'x'.repeat(200_000), raw: 'x'.repeat(600), label: 'huge string' },
    { value: 'ab'.repeat(5000), raw: 'ab'.repeat(300), label: '10k string' },
  ],
  date: (name, s) => {
    const date = isDateLike(name, s)
    return [
      ...IMPOSSIBLE_DATES.map((value) => ({ value, mustRefuse: date, label: `impossible date ${value}` })),
      ...ODD_DATES.map((value) => ({ value, label: `odd date ${value}` })),
    ]
  },
  cursor: () => CURSORS.map((value) => ({ value, label: `forged cursor ${value.slice(0, 20)}` })),
  uuid: () => UUIDISH.map((value) => ({ value, label: `uuid-ish ${value}` })),
  likeSql: () => LIKE_SQL.map((value) => ({ value, label: `metachar ${value}` })),
  proto: () => [
    { value: { __proto__: { isAdmin: true } }, label: '__proto__ object' },
    { value: '__proto__', label: '"__proto__"' },
    { value: 'constructor', label: '"constructor"' },
    { value: { constructor: { prototype: { polluted: true } } }, label: 'constructor.prototype' },
    { value: 'toString', label: '"toString"' },
  ],
  enum: () => [
    { value: 'NOPE', label: 'unknown enum' },
    { value: 'prospect', label: 'lower-case enum' },
    { value: 'PROSPECT,QUALIFICATION,,NOPE', label: 'enum list with junk' },
  ],
}

// Whole-body classes: wrong content types, bodies that are not JSON, invalid UTF-8, prototype keys.
export function bodyHostiles(valid: unknown): BodyHostile[] {
  const json = JSON.stringify(valid ?? {})
  const withString = json.replace(/"([^"\\]*)"(?=\s*[,}])/, '"$1\uFFFF"')
  const bytes = (text: string, inject: number[]) => {
    const encoded = new TextEncoder().encode(text)
    const at = encoded.indexOf(0xef) // the U+FFFF placeholder's first byte
    if (at < 0) return encoded
    return new Uint8Array([...encoded.slice(0, at), ...inject, ...encoded.slice(at + 3)])
  }
  return [
    { label: 'text/plain body', contentType: 'text/plain', bytes: json },
    { label: 'form body', contentType: 'application/x-www-form-urlencoded', bytes: 'name=x&type=EMETTEUR' },
    { label: 'multipart body', contentType: 'multipart/form-data; boundary=x', bytes: '--x\r\n\r\n--x--' },
    { label: 'no content type', bytes: json },
    { label: 'json latin1 charset', contentType: 'application/json; charset=iso-8859-1', bytes: json },
    { label: 'malformed JSON', contentType: 'application/json', bytes: '{"name":' },
    { label: 'JSON array', contentType: 'application/json', bytes: '[]' },
    { label: 'JSON null', contentType: 'application/json', bytes: 'null' },
    { label: 'JSON string', contentType: 'application/json', bytes: '"x"' },
    { label: 'two JSON values', contentType: 'application/json', bytes: `${json}{}` },
    { label: 'deep nesting', contentType: 'application/json', bytes: `${'['.repeat(5000)}${']'.repeat(5000)}` },
    { label: 'empty body', contentType: 'application/json', bytes: '' },
    {
      label: 'top-level __proto__',
      contentType: 'application/json',
      bytes: json.replace(/^\{/, '{"__proto__":{"role":"admin","isAdmin":true},'),
    },
    {
      label: 'invalid UTF-8 (C3 28) in a string',
      contentType: 'application/json',
      bytes: bytes(withString, [0xc3, 0x28]),
      mustRefuse: withString !== json,
    },
    {
      label: 'invalid UTF-8 (FF) in a string',
      contentType: 'application/json',
      bytes: bytes(withString, [0xff]),
      mustRefuse: withString !== json,
    },
    {
      label: 'UTF-8 encoded lone surrogate (ED A0 80)',
      contentType: 'application/json',
      bytes: bytes(withString, [0xed, 0xa0, 0x80]),
      mustRefuse: withString !== json,
    },
    {
      label: 'escaped lone surrogate',
      contentType: 'application/json',
      bytes: json.replace(/"([^"\\]*)"(?=\s*[,}])/, '"$1\\ud800"'),
      mustRefuse: /"[^"\\]*"\s*[,}]/.test(json),
    },
  ]
}

export const CLASSES = [...Object.keys(FIELD_CLASSES), 'body'] as const
