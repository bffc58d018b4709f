// One-shot toasts carried by a redirect (?flash=<message key>&name=...), removed once shown.
import { useEffect } from 'react'
import { useLocation, useSearchParams } from 'react-router'
import { fr, t, type MessageKey } from '../i18n/fr'
import { useToast } from '../components/toasts'

export function flashUrl(path: string, key: MessageKey, name?: string) {
  const url = new URL(path, 'http://x')
  url.searchParams.set('flash', key)
  if (name) url.searchParams.set('name', name)
  return `${url.pathname}${url.search}`
}

// Location keys already announced: effects may run twice (React strict mode in development).
const shown = new Set<string>()

export function useFlash() {
  const [params] = useSearchParams()
  const { key: locationKey } = useLocation()
  const toast = useToast()
  const key = params.get('flash')
  /* biome-ignore lint/correctness/useExhaustiveDependencies: announce once per flash key and location; `toast` and
     `params` changing must not re-announce */
  useEffect(() => {
    if (!key || !(key in fr) || shown.has(locationKey)) return
    shown.add(locationKey)
    toast(t(key as MessageKey, { name: params.get('name') ?? '' }), 'success')
    // Cleaned in place: a router navigation would reload every loader just to drop two params.
    const url = new URL(window.location.href)
    url.searchParams.delete('flash')
    url.searchParams.delete('name')
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
  }, [key, locationKey]) // eslint-disable-line react-hooks/exhaustive-deps
}
