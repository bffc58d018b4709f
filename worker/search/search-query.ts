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
  // How a name may start for the last word typed to be complete: the phrase, then the phrase with
  // its last word replaced by each correction ("atlantique carnn" -> "atlantique carnot").
  starts: string[]
  tokens: string[]
  // Corrections of each token (empty when the token is a known word or a prefix of one).
  corrections: string[][]
  // Over search_vector: the last token as a prefix, the others whole unless they are only the
  // beginning of a word; in names (simple) or notes (French stems).
  full: SQL
  // Over the names-only expression indexes: the same tokens, or one of their corrections.
  names: SQL
  // Over search_vector, names only (weight A): tells a name match from a mention.
  namesWeighted: SQL
}

// Nearest dictionary words looked at for each misspelt token; typoDistance keeps the close ones.
const NEIGHBOURS = 6

export const phraseOf = (q: string) =>
  fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .join(' ')

// Tokens and dictionary words are letters and digits only (tokenize; the trigger that fills the
// dictionary keeps letters only), so quoting them cannot break the tsquery syntax.
const prefix = (t: string, weight = '') => `'${t}':*${weight}`
const exact = (w: string, weight = '') => (weight ? `'${w}':${weight}` : `'${w}'`)
const any = (parts: string[]) => `(${parts.join(' | ')})`

// The form the dictionary (search_terms) keeps: letters only, 3 to 40 of them.
const dictionaryForm = (t: string) => /^\p{L}{3,40}$/u.test(t)

type Lookup = { i: number; whole: boolean; known: boolean; near: string[]; french: string }

// `notes` adds each token's French stem (for notes and summaries); autocomplete does without.
// An e-mail address, whole or its beginning ("contact@alfo"): one lexeme of the e-mail's own
// (the parser keeps addresses whole), far more selective than its parts ("fr", "com").
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]*/gu

// Every token but the last was followed by a space: the user finished typing it, so it is
// matched whole when it is a whole word of the dictionary (or a number, or two letters), and as a
// prefix only when it is just the beginning of words ("soc gen"). Whole words let the GIN index
// skip through its posting lists; a prefix collects every matching word's list first (13 ms
// instead of 0.8 for "financière provence gestion 86335" on 100,000 organisations).
export async function compileQuery(db: Db, q: string, { notes = true } = {}): Promise<CompiledQuery | null> {
  const phrase = phraseOf(q)
  const emails = [...new Set(fold(q).match(EMAIL) ?? [])].slice(0, 2)
  const tokens = tokenize(emails.reduce((rest, e) => rest.replace(e, ' '), fold(q)))
  if (phrase.length < 2 || tokens.length + emails.length === 0) return null
  const rows = await lookUp(db, tokens, notes)
  const corrections = tokens.map((): string[] => [])
  const french = tokens.map(() => '')
  const whole = tokens.map((t, i) => i < tokens.length - 1 && !dictionaryForm(t))
  for (const row of rows) {
    french[row.i] = row.french
    whole[row.i] = row.whole
    if (!row.known && row.near.length) corrections[row.i] = closest(tokens[row.i]!, row.near)
  }
  const form = (i: number, weight = '') => (whole[i] ? exact(tokens[i]!, weight) : prefix(tokens[i]!, weight))
  const mails = emails.map((e) => prefix(e))
  const names = [...tokens.map((_, i) => any([form(i), ...corrections[i]!.map((c) => exact(c))])), ...mails]
  const full = [
    ...tokens.map((_, i) =>
      any([form(i), ...(french[i] ? [french[i]!] : []), ...corrections[i]!.map((c) => exact(c))]),
    ),
    ...mails,
  ]
  const weighted = [
    ...tokens.map((_, i) => any([form(i, 'A'), ...corrections[i]!.map((c) => exact(c, 'A'))])),
    ...emails.map((e) => prefix(e, 'A')),
  ]
  const head = phrase.slice(0, phrase.length - (tokens.at(-1)?.length ?? 0))
  const lastFixes = phrase.endsWith(tokens.at(-1) ?? '\0') ? (corrections.at(-1) ?? []) : []
  return {
    phrase,
    starts: [phrase, ...lastFixes.map((c) => head + c)],
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
  const scored = near
    .map((w) => ({ w, d: typoDistance(token, w) }))
    .filter((x): x is { w: string; d: number } => x.d !== undefined && x.w !== token)
  const best = Math.min(...scored.map((x) => x.d))
  return scored
    .filter((x) => x.d === best)
    .map((x) => x.w)
    .slice(0, 3)
}

// One round trip for every token: is it a whole word of the dictionary (tokens before the last),
// a known word or the beginning of one, its nearest dictionary words if it could be misspelt, its
// French stem (whole or as a prefix, as the token will be matched). A token that is known is
// taken as typed: the user is probably still typing it. Nothing to ask: no round trip.
async function lookUp(db: Db, tokens: string[], notes: boolean): Promise<Lookup[]> {
  const lookups = tokens.flatMap((t, i) => {
    const fuzzy = correctable(t)
    const last = i === tokens.length - 1
    const askWhole = !last && dictionaryForm(t)
    if (!fuzzy && !notes && !askWhole) return []
    const whole = askWhole ? sql`exists (select 1 from search_terms where word = ${t})` : sql`${!last}::boolean`
    const known = fuzzy ? sql`exists (select 1 from search_terms where word like ${`${t}%`})` : sql`true`
    const near = fuzzy
      ? sql`case when known then '{}'::text[]
          else array(select word from search_terms order by word <-> ${t} limit ${NEIGHBOURS}) end`
      : sql`'{}'::text[]`
    return [
      sql`select i, whole, known,
      ${near} as near,
      ${notes ? sql`to_tsquery('crm_french', case when whole then ${t} else ${`${t}:*`} end)::text` : sql`''`} as french
      from (select ${i}::int as i, ${whole} as whole, ${known} as known) x`,
    ]
  })
  if (lookups.length === 0) return []
  const { rows } = await db.execute<Lookup>(sql.join(lookups, sql` union all `))
  return rows
}
