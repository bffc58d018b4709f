import { Form, Link, redirect, useActionData, useNavigation } from 'react-router'
import type { Route } from './+types/login'
import { t } from '../i18n/fr'
import { AuthCard } from '../components/auth-card'
import { EmailField, PasswordField } from '../components/credential-fields'
import { FormAlert, FormNotice } from '../components/field'
import { safeNext } from '../lib/safe-next'

export const meta: Route.MetaFunction = () => [{ title: `${t('auth.title')} · ${t('app.name')}` }]

export async function loader({ request, context }: Route.LoaderArgs) {
  const res = await context.api('/api/v1/auth/me')
  if (res.ok) throw redirect('/')
  return {
    demo: context.env.ENVIRONMENT !== 'production',
    reset: new URL(request.url).searchParams.get('reset') === '1',
  }
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const res = await context.api('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') }),
  })
  if (!res.ok) {
    const problem = (await res.json()) as { detail?: string; errors?: { path: string; message: string }[] }
    return {
      error: problem.detail ?? 'Connexion impossible.',
      fields: Object.fromEntries((problem.errors ?? []).map((e) => [e.path, e.message])),
      email: String(form.get('email') ?? ''),
    }
  }
  const me = (await res.json()) as { mustChangePassword: boolean }
  const headers = new Headers()
  const cookie = res.headers.get('set-cookie')
  if (cookie) headers.set('set-cookie', cookie)
  const next = new URL(request.url).searchParams.get('next')
  return redirect(me.mustChangePassword ? '/account/password' : safeNext(next), { headers })
}

export default function Login({ loaderData }: Route.ComponentProps) {
  const data = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  return (
    <AuthCard title={t('app.name')} subtitle={t('auth.title')}>
      <Form method="post" className="space-y-4" noValidate>
        {loaderData.reset && !data ? <FormNotice>{t('auth.resetDone')}</FormNotice> : null}
        <FormAlert>{data?.error}</FormAlert>
        <EmailField defaultValue={data?.email} error={data?.fields?.email} />
        <PasswordField
          label={t('auth.password')}
          name="password"
          autoComplete="current-password"
          error={data?.fields?.password}
        />
        <button
          type="submit"
          disabled={busy}
          className={
            'w-full rounded-md bg-blue-700 px-4 py-2.5 font-medium text-white hover:bg-blue-800 ' +
            'disabled:opacity-60'
          }
        >
          {busy ? t('common.loading') : t('auth.signIn')}
        </button>
      </Form>
      <p className="mt-4 text-sm">
        <Link to="/forgot-password" className="text-blue-700 hover:underline dark:text-blue-300">
          {t('auth.forgot')}
        </Link>
      </p>
      {loaderData.demo ? (
        <p className="mt-6 text-xs text-slate-600 dark:text-slate-400">
          {t('auth.demo')} : admin@demo.crm, manager@demo.crm, sales@demo.crm, viewer@demo.crm, sales2@demo.crm
        </p>
      ) : null}
    </AuthCard>
  )
}
