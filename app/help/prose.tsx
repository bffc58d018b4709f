// Building blocks of the help pages: headings taken from the table of contents (guides.ts),
// keyboard keys, screenshots and callouts, styled once for every guide.
import { Link } from 'react-router'
import { topic } from './guides'
import { card, cx, link, muted } from '../components/ui'

export function Section({ guide, id, children }: { guide: string; id: string; children: React.ReactNode }) {
  const t = topic(guide, id)
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="scroll-mt-20 space-y-3">
      <h2 id={`${id}-h`} className="text-lg font-semibold">
        {t.title}
      </h2>
      {children}
    </section>
  )
}

export const Kbd = ({ children }: { children: React.ReactNode }) => (
  <kbd
    className={
      'rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800 ' +
      'dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100'
    }
  >
    {children}
  </kbd>
)

// Inline code in a guide: a field, a header, a value to type.
export const Code = ({ children }: { children: React.ReactNode }) => (
  <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{children}</code>
)

// A combination (Ctrl K) or a pair of keys (← →), a space apart.
export const Keys = ({ first, second }: { first: string; second: string }) => (
  <>
    <Kbd>{first}</Kbd> <Kbd>{second}</Kbd>
  </>
)

// Screenshots are files in public/aide (copies of docs/screenshots), loaded only when scrolled to.
export function Shot({ src, alt, phone }: { src: string; alt: string; phone?: boolean }) {
  return (
    <figure className={cx(card, 'overflow-hidden', phone ? 'max-w-[220px]' : 'max-w-2xl')}>
      <img src={`/aide/${src}`} alt={alt} loading="lazy" decoding="async" className="h-auto w-full" />
      <figcaption className={cx(muted, 'px-3 py-2 text-xs')}>{alt}</figcaption>
    </figure>
  )
}

export const Note = ({ children }: { children: React.ReactNode }) => (
  <p
    className={
      'rounded-md border-l-4 border-blue-700 bg-blue-50 px-3 py-2 text-sm dark:border-blue-400 dark:bg-blue-950/50'
    }
  >
    {children}
  </p>
)

export const To = ({ href, children }: { href: string; children: React.ReactNode }) => (
  <Link to={href} className={link}>
    {children}
  </Link>
)

export const Steps = ({ children }: { children: React.ReactNode }) => (
  <ol className="list-decimal space-y-1 pl-6">{children}</ol>
)
export const Bullets = ({ children }: { children: React.ReactNode }) => (
  <ul className="list-disc space-y-1 pl-6">{children}</ul>
)

// Wide tables scroll inside their own box on a phone, never the page.
export function Table({ head, rows }: { head: string[]; rows: string[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[28rem] text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-700">
            {head.map((h) => (
              <th key={h} scope="col" className="py-2 pr-3 font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.join('|')} className="border-b border-slate-100 align-top dark:border-slate-800">
              {r.map((c, j) => (
                <td key={head[j]} className="py-2 pr-3">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
