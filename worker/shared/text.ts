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
// character, keys included; null when the value is clean.
export function findForbiddenString(
  value: unknown,
  path: (string | number)[] = [],
): { path: string; text: string } | null {
  if (typeof value === 'string')
    return hasForbiddenCharacter(value) ? { path: path.join('.') || '(body)', text: value } : null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenString(value[i], [...path, i])
      if (found) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (hasForbiddenCharacter(key)) return { path: [...path, key].join('.'), text: key }
      const found = findForbiddenString(v, [...path, key])
      if (found) return found
    }
  }
  return null
}
