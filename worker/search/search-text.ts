// Turning what a user typed into search tokens, and finding them again in a record's text to
// highlight it. Pure functions: shared by the API, the benchmark and the tests.

// What unaccent does that Unicode decomposition does not (ligatures and barred letters).
const FOLD: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' }

export const MAX_TOKENS = 8
export const MAX_TOKEN_LENGTH = 40

// Lower case, accents folded: the same form as the crm_simple text search configuration.
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæßøłđðþı]/g, (c) => FOLD[c] ?? c)
}

// Letters and digits only: whatever else was typed (quotes, backslashes, &|!:*(), emoji) is a
// separator, so no input can change the structure of the tsquery built from the tokens.
export function tokenize(q: string): string[] {
  const words = fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
  const tokens = words.length > 1 ? words.filter((w) => w.length > 1) : words
  return [...new Set(tokens.map((w) => w.slice(0, MAX_TOKEN_LENGTH)))].slice(0, MAX_TOKENS)
}

// Only words made of letters are worth correcting ("contact12" or "2026" are typed exactly).
export const correctable = (token: string) => token.length >= 4 && /^\p{L}+$/u.test(token)

// Optimal string alignment distance (Levenshtein plus adjacent transpositions: "alfrois").
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1)
      d[i]![j] = v
    }
  }
  return d[a.length]![b.length]!
}

// Edits (OSA distance) allowed between a typed word and a known one: one up to seven letters,
// two from eight (the product promise: "1-2 fautes"). A word still being typed is also compared
// with the same length of the candidate. Undefined when the word is too far.
export function typoDistance(token: string, word: string): number | undefined {
  const allowed = token.length >= 8 ? 2 : 1
  const whole = editDistance(token, word)
  if (whole <= allowed) return whole
  if (word.length > token.length && editDistance(token, word.slice(0, token.length)) <= 1) return allowed + 0.5
  return undefined
}

export type Range = [start: number, end: number]

// Where the query's words (as prefixes) or their corrections occur in a text, accents ignored.
export function findMatches(text: string | null | undefined, tokens: string[], corrections: string[] = []): Range[] {
  if (!text) return []
  const ranges: Range[] = []
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = fold(m[0])
    if (tokens.some((t) => word.startsWith(t)) || corrections.some((c) => word === c || word.startsWith(c))) {
      ranges.push([m.index, m.index + m[0].length])
    }
  }
  return ranges
}

// ts_headline marks its matches with these (private-use characters never typed in a record).
export const MARK_START = '\uE000'
export const MARK_END = '\uE001'

export function parseHeadline(headline: string): { text: string; ranges: Range[] } {
  let text = ''
  const ranges: Range[] = []
  let start = -1
  for (const ch of headline) {
    if (ch === MARK_START) start = text.length
    else if (ch === MARK_END) {
      if (start >= 0 && text.length > start) ranges.push([start, text.length])
      start = -1
    } else text += ch
  }
  return { text, ranges }
}
