// The centred card of the pages seen signed out: sign-in, forgotten password, new password.
import { card, cx } from './ui'

export function AuthCard({
  title,
  subtitle,
  children,
}: {
  title: string
  subtitle?: string
  children: React.ReactNode
}) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className={cx(card, 'w-full max-w-sm p-6 shadow-sm')}>
        <h1 className={cx('text-2xl font-semibold', subtitle ? 'mb-1' : 'mb-2')}>{title}</h1>
        {subtitle ? <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">{subtitle}</p> : null}
        {children}
      </div>
    </main>
  )
}
