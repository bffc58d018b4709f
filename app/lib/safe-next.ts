// Where to go after signing in: a path of this site only. Browsers read `/\evil.example` and
// `//evil.example` as another host, and strip tabs and newlines before resolving, so the path is
// resolved against a placeholder origin and kept only if it stays on it.
const HERE = 'https://crm.invalid'

export function safeNext(next: string | null | undefined, fallback = '/'): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (!next?.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return fallback
  try {
    const url = new URL(next, HERE)
    if (url.origin !== HERE) return fallback
    return url.pathname + url.search + url.hash
  } catch {
    return fallback
  }
}
