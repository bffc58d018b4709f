// The one door every API input goes through (called by authorize, after the access check, so a
// caller without access still learns nothing): a query or path that is not valid UTF-8 or holds
// NUL, and a JSON body that is not valid UTF-8 or holds NUL or a lone surrogate in any string,
// are refused with a 400 naming the field. Nothing past here (zod, services, Postgres, the audit
// log) has to think about them.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { badRequest } from '../http/problem.ts'
import { findForbiddenString, forbiddenCharacterMessage, hasForbiddenCharacter } from '../shared/text.ts'

const JSON_TYPE = /^application\/([a-z-.]+\+)?json/i
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

const refuse = (detail: string, path: string, message: string) => badRequest(detail, [{ path, message }])

function checkUrl(url: URL) {
  try {
    const path = decodeURIComponent(url.pathname)
    if (hasForbiddenCharacter(path)) throw new Error()
  } catch {
    throw refuse('Adresse invalide.', '(path)', 'Chemin mal encodé (UTF-8 attendu, sans caractère nul).')
  }
  for (const pair of url.search.slice(1).split('&')) {
    if (!pair) continue
    const [rawName = '', rawValue = ''] = pair.split(/=(.*)/s)
    let name = rawName
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '))
      const value = decodeURIComponent(rawValue.replace(/\+/g, ' '))
      if (hasForbiddenCharacter(name) || hasForbiddenCharacter(value)) throw new Error()
    } catch {
      throw refuse(
        'Paramètres de requête invalides.',
        hasForbiddenCharacter(name) ? '(query)' : name,
        'Valeur mal encodée (UTF-8 attendu, sans caractère nul).',
      )
    }
  }
}

async function checkJsonBody(c: Context<AppEnv>) {
  if (['GET', 'HEAD'].includes(c.req.method) || !JSON_TYPE.test(c.req.header('content-type') ?? '')) return
  let text: string
  try {
    text = strictUtf8.decode(await c.req.arrayBuffer())
  } catch {
    throw refuse('Données invalides.', '(body)', 'Le corps de la requête n’est pas du texte UTF-8 valide.')
  }
  // Later readers (the validator's c.req.json()) parse this text, not the bytes again.
  ;(c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(text)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return // malformed JSON: the validator answers its own 400
  }
  const found = findForbiddenString(parsed)
  if (found) throw refuse('Données invalides.', found.path, forbiddenCharacterMessage(found.text))
}

export async function assertCleanInput(c: Context<AppEnv>) {
  checkUrl(new URL(c.req.url))
  await checkJsonBody(c)
}
