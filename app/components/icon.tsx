import { cx } from './ui'

// A line icon on the 24-unit grid, drawn in the text colour. Hidden from screen readers: the
// control around it carries the name. `children` adds shapes drawn before the path.
export function Icon({
  path,
  className = 'h-5 w-5',
  strokeWidth = 2,
  children,
}: {
  path?: string
  className?: string
  strokeWidth?: number
  children?: React.ReactNode
}) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className={cx('shrink-0', className)}
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
    >
      {children}
      {path ? <path d={path} /> : null}
    </svg>
  )
}
