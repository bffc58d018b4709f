// Small SVG charts. Shapes are SVG (stretched to the width available), labels stay HTML so they
// keep a readable size from a 360 px phone to a wide screen. Each chart carries its data as a
// visually hidden table for screen readers.
import { cx } from './ui'

export type Bar = {
  key: string
  label: string
  value: number
  display: string
  fill: string
  note?: string
  target?: number
}

function SrTable({ caption, rows, head }: { caption: string; head: [string, string]; rows: [string, string][] }) {
  return (
    // Hidden by a wrapping div: a table ignores a 1 px width and would widen a phone's page.
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head[0]}</th>
            <th scope="col">{head[1]}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([a, b]) => (
            <tr key={a}>
              <th scope="row">{a}</th>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

// Horizontal bars, one per row; an optional target is drawn as a tick (e.g. the guide's thresholds).
export function HBars({
  bars,
  caption,
  head,
  max: maxIn,
  testId,
}: {
  bars: Bar[]
  caption: string
  head: [string, string]
  max?: number
  testId?: string
}) {
  const max = maxIn ?? Math.max(1, ...bars.map((b) => Math.max(b.value, b.target ?? 0)))
  return (
    <figure data-testid={testId}>
      <div aria-hidden="true" className="space-y-2">
        {bars.map((b) => (
          <div
            key={b.key}
            className="grid grid-cols-[minmax(5rem,11rem)_minmax(0,1fr)_auto] items-center gap-3 text-sm"
          >
            <span className="break-words text-slate-700 dark:text-slate-300">{b.label}</span>
            <svg
              aria-hidden="true"
              viewBox="0 0 100 10"
              preserveAspectRatio="none"
              className="h-6 w-full min-w-0 overflow-visible"
            >
              <rect x="0" y="0" width="100" height="10" rx="1" className="fill-slate-100 dark:fill-slate-800" />
              <rect x="0" y="0" width={Math.max(0.5, (b.value / max) * 100)} height="10" rx="1" className={b.fill} />
              {b.target != null ? (
                <line
                  x1={(b.target / max) * 100}
                  x2={(b.target / max) * 100}
                  y1="-2"
                  y2="12"
                  className="stroke-slate-900 dark:stroke-slate-100"
                  strokeWidth="0.6"
                  vectorEffect="non-scaling-stroke"
                  strokeDasharray="3 2"
                />
              ) : null}
            </svg>
            <span className="min-w-16 text-right font-medium tabular-nums">
              {b.display}
              {b.note ? (
                <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{b.note}</span>
              ) : null}
            </span>
          </div>
        ))}
      </div>
      <SrTable
        caption={caption}
        head={head}
        rows={bars.map((b) => [b.label, `${b.display}${b.note ? ` (${b.note})` : ''}`])}
      />
    </figure>
  )
}

// The pipeline funnel: each stage's width follows its count, joined to the next by a trapezoid.
export function Funnel({
  stages,
  caption,
  head,
  testId,
}: {
  stages: Bar[]
  caption: string
  head: [string, string]
  testId?: string
}) {
  const max = Math.max(1, ...stages.map((s) => s.value))
  const w = (v: number) => Math.max(6, (v / max) * 100)
  return (
    <figure data-testid={testId}>
      <div aria-hidden="true">
        {stages.map((s, i) => {
          const top = w(s.value)
          const next = stages[i + 1]
          const bottom = next ? w(next.value) : top
          return (
            <div
              key={s.key}
              className="grid grid-cols-[minmax(5rem,11rem)_minmax(0,1fr)_auto] items-center gap-3 text-sm"
            >
              <span className="min-w-0 text-slate-700 dark:text-slate-300">
                {s.label}
                {s.note ? <span className="block text-xs text-slate-600 dark:text-slate-400">{s.note}</span> : null}
              </span>
              <svg aria-hidden="true" viewBox="0 0 100 20" preserveAspectRatio="none" className="h-12 w-full min-w-0">
                <polygon
                  points={`${50 - top / 2},0 ${50 + top / 2},0 ${50 + bottom / 2},20 ${50 - bottom / 2},20`}
                  className={cx(s.fill, 'opacity-90')}
                />
              </svg>
              <span className="text-right font-semibold tabular-nums">{s.display}</span>
            </div>
          )
        })}
      </div>
      <SrTable
        caption={caption}
        head={head}
        rows={stages.map((s) => [s.label, `${s.display}${s.note ? ` (${s.note})` : ''}`])}
      />
    </figure>
  )
}

// Vertical columns (e.g. mandates signed per month).
export function Columns({
  bars,
  caption,
  head,
  testId,
}: {
  bars: Bar[]
  caption: string
  head: [string, string]
  testId?: string
}) {
  const max = Math.max(1, ...bars.map((b) => b.value))
  return (
    <figure data-testid={testId}>
      <div
        aria-hidden="true"
        className="grid gap-2"
        style={{ gridTemplateColumns: `repeat(${bars.length}, minmax(0, 1fr))` }}
      >
        {bars.map((b) => (
          <div key={b.key} className="flex flex-col items-center gap-1 text-xs">
            <span className="font-medium tabular-nums">{b.display}</span>
            <svg
              aria-hidden="true"
              viewBox="0 0 10 100"
              preserveAspectRatio="none"
              className="h-32 w-full min-w-0 max-w-12"
            >
              <rect x="0" y="0" width="10" height="100" className="fill-slate-100 dark:fill-slate-800" />
              <rect
                x="0"
                y={100 - (b.value / max) * 100}
                width="10"
                height={(b.value / max) * 100}
                className={b.fill}
              />
            </svg>
            <span className="break-words text-slate-700 dark:text-slate-300">{b.label}</span>
          </div>
        ))}
      </div>
      <SrTable caption={caption} head={head} rows={bars.map((b) => [b.label, b.display])} />
    </figure>
  )
}

// One bar split by share (e.g. organisations per stage), with its legend.
export function StackedBar({
  parts,
  caption,
  head,
  testId,
}: {
  parts: Bar[]
  caption: string
  head: [string, string]
  testId?: string
}) {
  const total = parts.reduce((s, p) => s + p.value, 0) || 1
  let x = 0
  return (
    <figure data-testid={testId}>
      <svg
        aria-hidden="true"
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        className="h-5 w-full overflow-hidden rounded"
      >
        <rect x="0" y="0" width="100" height="10" className="fill-slate-100 dark:fill-slate-800" />
        {parts.map((p) => {
          const width = (p.value / total) * 100
          const el = <rect key={p.key} x={x} y="0" width={width} height="10" className={p.fill} />
          x += width
          return el
        })}
      </svg>
      <ul aria-hidden="true" className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {parts.map((p) => (
          <li key={p.key} className="flex items-center gap-2">
            <svg aria-hidden="true" viewBox="0 0 10 10" className="h-3 w-3 shrink-0">
              <rect width="10" height="10" rx="2" className={p.fill} />
            </svg>
            <span>{p.label}</span>
            <span className="font-semibold tabular-nums">{p.display}</span>
          </li>
        ))}
      </ul>
      <SrTable caption={caption} head={head} rows={parts.map((p) => [p.label, p.display])} />
    </figure>
  )
}
