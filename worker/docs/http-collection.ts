// A ready-to-run request collection (.http, read by VS Code REST Client, JetBrains HTTP Client,
// httpyac) generated from the OpenAPI document itself, so it lists exactly the routes served.
type Operation = {
  summary?: string
  tags?: string[]
  parameters?: { name: string; in: string; required?: boolean }[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
}
type Schema = {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  enum?: unknown[]
  example?: unknown
  items?: Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
}
type OpenApi = { paths?: Record<string, Record<string, Operation>> }

const METHODS = ['get', 'post', 'put', 'patch', 'delete']

// A placeholder body: every required field, with an example, its first allowed value or a hint.
function sample(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 3) return null
  if (schema.example !== undefined) return schema.example
  if (schema.enum?.length) return schema.enum[0]
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0]
  if (variant) return sample(variant, depth + 1)
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  if (type === 'object' || schema.properties) {
    const out: Record<string, unknown> = {}
    for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key], depth + 1)
    return out
  }
  if (type === 'array') return []
  if (type === 'number' || type === 'integer') return 0
  if (type === 'boolean') return false
  return ''
}

export function httpCollection(doc: OpenApi, baseUrl: string) {
  const params = new Set(Object.keys(doc.paths ?? {}).flatMap((p) => [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))
  const lines = [
    '# CRM API — requêtes prêtes à l’emploi, générées depuis /api/openapi.json.',
    '# Renseignez le jeton (Administration → Jetons d’API) et les identifiants, puis exécutez une requête.',
    `@baseUrl = ${baseUrl}`,
    '@token = votre-jeton',
    ...[...params].map((p) => `@${p} = `),
    '',
  ]
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    // In the document's own order, so the file reads like the reference.
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.includes(method)) continue
      const url = path.replace(/\{(\w+)\}/g, '{{$1}}')
      const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=`)
      lines.push(`### ${op.summary ?? `${method.toUpperCase()} ${path}`}`)
      lines.push(`${method.toUpperCase()} {{baseUrl}}${url}${query.length ? `?${query.join('&')}` : ''}`)
      lines.push('Authorization: Bearer {{token}}')
      const json = op.requestBody?.content?.['application/json']
      if (json) {
        lines.push('Content-Type: application/json', '', JSON.stringify(sample(json.schema), null, 2))
      }
      lines.push('')
    }
  }
  return `${lines.join('\n')}\n`
}
