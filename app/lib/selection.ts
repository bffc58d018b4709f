// Checked rows of a list. Clearing an already empty selection keeps the same set: the lists clear it
// in an effect when their filters change, which also runs on hydration, and a new empty set there
// re-rendered every row once for nothing (work the phone benchmark counts).
export const clearSelection = (s: Set<string>) => (s.size ? new Set<string>() : s)
