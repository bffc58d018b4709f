// Characters no text field may hold. Postgres refuses NUL in text and jsonb (a 500 when it got
// that far), and a lone UTF-16 surrogate has no UTF-8 form: stored, it came back as U+FFFD, and
// inside a jsonb audit entry it failed the whole insert. Refused at the door (input-hygiene.ts).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character looked for
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export const hasForbiddenCharacter = (s: string) => FORBIDDEN.test(s)

export function forbiddenCharacterMessage(s: string) {
  return s.includes('\u0000')
    ? 'Caractère nul (U+0000) interdit.'
    : 'Caractère Unicode invalide (demi-paire de substitution UTF-16 isolée).'
}

// The path (`contacts.0.email`) of the first string in a parsed JSON value holding a forbidden
// character, keys included; null when the value is clean. Walked with a list, not recursion: a
// body of 5,000 nested arrays overflowed the Worker's stack.
type Step = { key: string | number; up: Step | null } | null
const pathOf = (step: Step, last?: string) => {
  const keys: (string | number)[] = last === undefined ? [] : [last]
  for (let s = step; s; s = s.up) keys.unshift(s.key)
  return keys.join('.') || '(body)'
}

export function findForbiddenString(value: unknown): { path: string; text: string } | null {
  const pending: [unknown, Step][] = [[value, null]]
  while (pending.length) {
    const [v, step] = pending.pop()!
    if (typeof v === 'string') {
      if (hasForbiddenCharacter(v)) return { path: pathOf(step), text: v }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push([v[i], { key: i, up: step }])
    } else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v).reverse()) {
        if (hasForbiddenCharacter(key)) return { path: pathOf(step, key), text: key }
        pending.push([child, { key, up: step }])
      }
    }
  }
  return null
}
