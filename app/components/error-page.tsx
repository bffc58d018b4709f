import { useEffect, useState } from 'react'
import { isRouteErrorResponse, Link, useNavigate } from 'react-router'
import { t } from '../i18n/fr'
import { btn } from './ui'

// What a thrown error says to the user: a refusal carries its reason (guards.server.ts), the rest
// read as their status.
export function describeError(error: unknown): { status: number; title: string; body: string } {
  if (isRouteErrorResponse(error) && error.status === 404)
    return { status: 404, title: t('error.notFound.title'), body: t('error.notFound.body') }
  if (isRouteErrorResponse(error) && error.status === 403) {
    const reason = (error.data as { reason?: unknown } | null)?.reason
    return {
      status: 403,
      title: t('error.forbidden.title'),
      body: typeof reason === 'string' ? reason : t('error.forbidden.body'),
    }
  }
  if (isRouteErrorResponse(error) && error.status === 503)
    return { status: 503, title: t('error.unavailable.title'), body: t('error.unavailable.body') }
  return {
    status: isRouteErrorResponse(error) ? error.status : 500,
    title: t('error.generic.title'),
    body: t('error.generic.body'),
  }
}

export function ErrorPage({ status, title, body }: { status: number; title: string; body: string }) {
  return (
    <main className="mx-auto flex min-h-[60dvh] max-w-lg flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-6xl font-bold text-blue-700 dark:text-blue-400">{status}</p>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-slate-600 dark:text-slate-300">{body}</p>
      <a href="/" className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800">
        {t('error.back')}
      </a>
    </main>
  )
}

// The same inside the app's shell (the layout's <main> holds it; sidebar and header stay): the way
// back is the previous page when there is one, and the dashboard.
export function ScreenError({ status, title, body }: { status: number; title: string; body: string }) {
  const navigate = useNavigate()
  const [hasPrevious, setHasPrevious] = useState(false)
  useEffect(() => setHasPrevious(window.history.length > 1), [])
  return (
    <section
      aria-labelledby="screen-error-title"
      className="mx-auto flex min-h-[50dvh] max-w-lg flex-col items-center justify-center gap-4 p-6 text-center"
      data-testid="screen-error"
    >
      <p className="text-6xl font-bold text-blue-700 dark:text-blue-400">{status}</p>
      <h1 id="screen-error-title" className="text-2xl font-semibold">
        {title}
      </h1>
      <p className="text-slate-600 dark:text-slate-300">{body}</p>
      <div className="flex flex-wrap justify-center gap-2">
        {hasPrevious ? (
          <button type="button" className={btn.secondary} onClick={() => navigate(-1)}>
            {t('error.previous')}
          </button>
        ) : null}
        <Link to="/" className={btn.primary}>
          {t('error.back')}
        </Link>
      </div>
    </section>
  )
}
