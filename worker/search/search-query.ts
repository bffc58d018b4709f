// From typed text to the tsqueries the search runs: tokens as prefixes, each misspelt word
// widened with its corrections from the search_terms dictionary (pg_trgm nearest neighbours),
// and its French stem for notes. The tsqueries are built once here and sent as parameters, so
// the search statement does not parse them again in each of its branches.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { correctable, fold, tokenize, typoDistance } from './search-text.ts'

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

// Nearest dictionary words looked at for each misspelt token; typoDistance keeps the close ones.
const NEIGHBOURS = 6

export const phraseOf = (q: string) => fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')

// Tokens and dictionary words are letters and digits only (tokenize; the trigger that fills the
// dictionary keeps letters only), so quoting them cannot break the tsquery syntax.
const prefix = (t: string, weight = '') => `'${t}':*${weight}`
const exact = (w: string, weight = '') => (weight ? `'${w}':${weight}` : `'${w}'`)
const any = (parts: string[]) => `(${parts.join(' | ')})`

type Lookup = { i: number; known: boolean; near: string[]; french: string }

// `notes` adds each token's French stem (for notes and summaries); autocomplete does without.
// An e-mail address, whole or its beginning ("contact@alfo"): one lexeme of the e-mail's own
// (the parser keeps addresses whole), far more selective than its parts ("fr", "com").
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]*/gu

export async function compileQuery(db: Db, q: string, { notes = true } = {}): Promise<CompiledQuery | null> {
  const phrase = phraseOf(q)
  const emails = [...new Set(fold(q).match(EMAIL) ?? [])].slice(0, 2)
  const tokens = tokenize(emails.reduce((rest, e) => rest.replace(e, ' '), fold(q)))
  if (phrase.length < 2 || tokens.length + emails.length === 0) return null
  const rows = await lookUp(db, tokens, notes)
  const corrections = tokens.map((): string[] => [])
  const french = tokens.map(() => '')
  for (const row of rows) {
    french[row.i] = row.french
    if (!row.known && row.near.length) corrections[row.i] = closest(tokens[row.i]!, row.near)
  }
  const mails = emails.map((e) => prefix(e))
  const names = [...tokens.map((t, i) => any([prefix(t), ...corrections[i]!.map((c) => exact(c))])), ...mails]
  const full = [...tokens.map((t, i) => any([prefix(t), ...(french[i] ? [french[i]!] : []), ...corrections[i]!.map((c) => exact(c))])), ...mails]
  const weighted = [...tokens.map((t, i) => any([prefix(t, 'A'), ...corrections[i]!.map((c) => exact(c, 'A'))])), ...emails.map((e) => prefix(e, 'A'))]
  return {
    phrase,
    // Highlighting looks for every word typed, those of the e-mail addresses too.
    tokens: [...tokens, ...emails.flatMap((e) => tokenize(e))],
    corrections: [...corrections, ...emails.flatMap((e) => tokenize(e).map((): string[] => []))],
    full: sql`${full.join(' & ')}::tsquery`,
    names: sql`${names.join(' & ')}::tsquery`,
    namesWeighted: sql`${weighted.join(' & ')}::tsquery`,
  }
}

// Only the closest: a word one letter away hides those two letters away.
function closest(token: string, near: string[]) {
  const scored = near.map((w) => ({ w, d: typoDistance(token, w) })).filter((x): x is { w: string; d: number } => x.d !== undefined && x.w !== token)
  const best = Math.min(...scored.map((x) => x.d))
  return scored.filter((x) => x.d === best).map((x) => x.w).slice(0, 3)
}

// One round trip for every token: is it a known word (or the beginning of one), its nearest
// dictionary words if it could be misspelt, its French stem. A token that is known is taken as
// typed: the user is probably still typing it. Nothing to ask: no round trip.
async function lookUp(db: Db, tokens: string[], notes: boolean): Promise<Lookup[]> {
  const lookups = tokens.flatMap((t, i) => {
    const fuzzy = correctable(t)
    if (!fuzzy && !notes) return []
    return [sql`select ${i}::int as i,
      ${fuzzy ? sql`exists (select 1 from search_terms where word like ${`${t}%`})` : sql`true`} as known,
      ${fuzzy ? sql`array(select word from search_terms order by word <-> ${t} limit ${NEIGHBOURS})` : sql`'{}'::text[]`} as near,
      ${notes ? sql`to_tsquery('crm_french', ${prefix(t)})::text` : sql`''`} as french`]
  })
  if (lookups.length === 0) return []
  const { rows } = await db.execute<Lookup>(sql.join(lookups, sql` union all `))
  return rows
}
