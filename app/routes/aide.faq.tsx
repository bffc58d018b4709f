// Guide 4, questions fréquentes: an answer reached by its address (#id, from the command
// palette) opens and scrolls into view.
import { useEffect } from 'react'
import { useLocation } from 'react-router'
import type { Route } from './+types/aide.faq'
import { FAQ } from '../help/faq'
import { card, cx } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: 'Questions fréquentes · Aide' }]

export default function Faq() {
  const { hash } = useLocation()
  useEffect(() => {
    const el = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null
    if (el instanceof HTMLDetailsElement) {
      el.open = true
      el.scrollIntoView({ block: 'start' })
    }
  }, [hash])
  return (
    <>
      <h2 className="sr-only">Questions fréquentes</h2>
      {FAQ.map((s) => (
        <section key={s.title} className="space-y-2" aria-label={s.title}>
          <h3 className="text-lg font-semibold">{s.title}</h3>
          {s.entries.map((e) => (
            <details key={e.id} id={e.id} className={cx(card, 'scroll-mt-20 p-3')} data-testid="faq-entry">
              <summary className="min-h-8 cursor-pointer font-medium">{e.q}</summary>
              <p className="mt-2 text-sm">{e.a}</p>
            </details>
          ))}
        </section>
      ))}
    </>
  )
}
