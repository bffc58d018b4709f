// A wide table in a card that scrolls sideways on a small screen, its first row naming the columns.
import { card, cx, muted } from './ui'

export function DataTable({
  testId,
  columns,
  children,
}: {
  testId: string
  // A column's label, or its label and the class that aligns it.
  columns: (string | [string, string])[]
  children: React.ReactNode
}) {
  return (
    <div className={cx(card, 'overflow-x-auto')}>
      <table className="w-full min-w-[760px] text-left text-sm" data-testid={testId}>
        <thead className={cx(muted, 'text-xs uppercase')}>
          <tr>
            {columns.map((c) => {
              const [label, className] = typeof c === 'string' ? [c] : c
              return (
                <th key={label} className={cx('px-3 py-2', className)}>
                  {label}
                </th>
              )
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">{children}</tbody>
      </table>
    </div>
  )
}
