// ILIKE patterns from user input: % and _ are literal characters, not wildcards.
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`)
