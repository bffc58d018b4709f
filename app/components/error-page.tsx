import { t } from '../i18n/fr'

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
