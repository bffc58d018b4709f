// From typed text to the tsqueries the search runs: tokens as prefixes, each misspelt word
// widened with its corrections from the search_terms dictionary (pg_trgm nearest neighbours).
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { correctable, fold, isTypoOf, tokenize } from './search-text.ts'

export type CompiledQuery = {
  // What the user typed, folded, words joined by one space: compared with whole names.
  phrase: string
  tokens: string[]
  // Corrections of each token (empty when the token is a known word or a prefix of one).
  corrections: string[][]
  // Over search_vector: every token as a prefix, in names (simple) or notes (French stems).
  full: SQL
  // Over the names-only expression indexes: every token as a prefix, or one of its corrections.
  names: SQL
  // Over search_vector, names only (weight A): tells a name match from a mention.
  namesWeighted: SQL
}

// Nearest dictionary words looked at for each misspelt token; isTypoOf keeps the close ones.
const NEIGHBOURS = 6

export const phraseOf = (q: string) => fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')

// Tokens are letters and digits only (tokenize), so quoting them cannot break the tsquery
// syntax; the text still travels as a bound parameter.
const term = (t: string, prefix: boolean, weight = '') => `'${t}'${prefix ? ':*' : ':'}${weight}`.replace(/:$/, '')

function alternatives(token: string, corrections: string[], weight = '') {
  return [term(token, true, weight), ...corrections.map((c) => term(c, false, weight))].join(' | ')
}

export async function compileQuery(db: Db, q: string): Promise<CompiledQuery | null> {
  const phrase = phraseOf(q)
  const tokens = tokenize(q)
  if (phrase.length < 2 || tokens.length === 0) return null
  const corrections = await findCorrections(db, tokens)
  const parts = tokens.map((t, i) => alternatives(t, corrections[i]!))
  const full = sql.join(parts.map((p) => sql`(to_tsquery('crm_simple', ${p}) || to_tsquery('crm_french', ${p}))`), sql` && `)
  return {
    phrase,
    tokens,
    corrections,
    full: sql`(${full})`,
    names: sql`to_tsquery('crm_simple', ${parts.map((p) => `(${p})`).join(' & ')})`,
    namesWeighted: sql`to_tsquery('crm_simple', ${tokens.map((t, i) => `(${alternatives(t, corrections[i]!, 'A')})`).join(' & ')})`,
  }
}

// One round trip for all the tokens that could be misspelt. A token that is a known word, or the
// beginning of one, is taken as typed: the user is probably still typing it.
async function findCorrections(db: Db, tokens: string[]): Promise<string[][]> {
  const result = tokens.map((): string[] => [])
  const candidates = tokens.map((t, i) => ({ t, i })).filter(({ t }) => correctable(t))
  if (candidates.length === 0) return result
  const lookups = candidates.map(({ t, i }) => sql`
    select ${i}::int as i,
      exists (select 1 from search_terms where word like ${`${t}%`}) as known,
      array(select word from search_terms order by word <-> ${t} limit ${NEIGHBOURS}) as near`)
  const { rows } = await db.execute<{ i: number; known: boolean; near: string[] }>(sql.join(lookups, sql` union all `))
  for (const row of rows) {
    if (row.known) continue
    const token = tokens[row.i]!
    result[row.i] = row.near.filter((w) => w !== token && isTypoOf(token, w)).slice(0, 3)
  }
  return result
}
