// Keyboard shortcuts owned by screens (the palette's Ctrl+K and "/" live in the command palette).
import { useEffect } from 'react'
import { useRevalidator } from 'react-router'

// Ctrl+S (Cmd+S) submits the form being edited instead of saving the web page.
export function useSaveShortcut(form: React.RefObject<HTMLFormElement | null>, enabled = true) {
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        const el = form.current
        if (!el || !el.isConnected) return
        e.preventDefault()
        el.requestSubmit()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [form, enabled])
}

// Reloads the screen's data every `ms` while the tab is visible (live events come on top).
export function useRevalidateEvery(ms: number) {
  const { revalidate, state } = useRevalidator()
  useEffect(() => {
    const tick = () => {
      if (document.visibilityState === 'visible' && state === 'idle') revalidate()
    }
    const id = setInterval(tick, ms)
    const onVisible = () => document.visibilityState === 'visible' && tick()
    document.addEventListener('visibilitychange', onVisible)
    return () => {
      clearInterval(id)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [ms, revalidate, state])
}
