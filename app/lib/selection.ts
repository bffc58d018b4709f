import { useEffect, useState } from 'react'
import type { Matching } from '../components/select-all-matching'

// Checked rows of a list. Clearing an already empty selection keeps the same set: the lists clear it
// in an effect when their filters change, which also runs on hydration, and a new empty set there
// re-rendered every row once for nothing (work the phone benchmark counts).
export const clearSelection = (s: Set<string>) => (s.size ? new Set<string>() : s)

// The checked rows of a list and "Tout sélectionner" past the loaded page (`matching`: bulk
// actions and the export then take every row the filters match). Both are dropped when `resetOn`
// (the list's address) changes; `matching` also when a row is checked or unchecked.
export function useRowSelection(ids: string[], hasMore: boolean, resetOn: unknown) {
  const [selected, setSelected] = useState<Set<string>>(new Set())
  /* biome-ignore lint/correctness/useExhaustiveDependencies: `resetOn` is the trigger, the selection is cleared when it
     changes */
  useEffect(() => setSelected(clearSelection), [resetOn])
  const [matching, setMatching] = useState<Matching | null>(null)
  /* biome-ignore lint/correctness/useExhaustiveDependencies: `resetOn` and `selected` are triggers, "all matching" is
     dropped when either changes */
  useEffect(() => setMatching(null), [resetOn, selected])
  const allChecked = ids.length > 0 && ids.every((id) => selected.has(id))
  // Rows loaded after the choice are not checked: the choice no longer holds.
  const allMatching = allChecked && hasMore ? matching : null
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s)
      if (n.has(id)) n.delete(id)
      else n.add(id)
      return n
    })
  const toggleAll = () => setSelected(allChecked ? new Set() : new Set(ids))
  const clear = () => setSelected(new Set())
  return { selected, allChecked, allMatching, setMatching, toggle, toggleAll, clear }
}
