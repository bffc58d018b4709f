// The page a reset (or invitation) link opens: choose a new password. The link works once.
import { Form, Link, redirect, useActionData, useNavigation } from 'react-router'
import type { Route } from './+types/password.reset'
import { t } from '../i18n/fr'
import { PASSWORD_MIN_LENGTH } from '../../worker/auth/password-policy'
import { Field } from '../components/field'
import { apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { btn, card, link, muted } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('password.reset.title')} · ${t('app.name')}` }]

export const loader = ({ request }: Route.LoaderArgs) => ({
  token: new URL(request.url).searchParams.get('token') ?? '',
})

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const token = String(form.get('token') ?? '')
  const password = String(form.get('password') ?? '')
  if (password !== String(form.get('confirm') ?? ''))
    return { errors: { confirm: t('password.mismatch') } as Record<string, string> }
  const r = await apiSubmit(context, '/api/v1/auth/password-reset/confirm', 'POST', { token, password })
  if (r.ok) return redirect('/login?reset=1')
  const errors = errorsByField(r.problem)
  return { errors, error: errors.token ?? (Object.keys(errors).length ? undefined : r.problem.detail) }
}

export default function ResetPassword({ loaderData }: Route.ComponentProps) {
  const data = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const error = data && 'error' in data ? data.error : undefined
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className={`${card} w-full max-w-sm p-6 shadow-sm`}>
        <h1 className="mb-2 text-2xl font-semibold">{t('password.reset.title')}</h1>
        {!loaderData.token ? (
          <p role="alert" className="text-sm">
            {t('password.reset.noToken')}{' '}
            <Link to="/forgot-password" className={link}>
              {t('password.forgot.title')}
            </Link>
          </p>
        ) : (
          <Form method="post" className="space-y-4" noValidate>
            <p className={`${muted} text-sm`}>{t('password.rules', { min: PASSWORD_MIN_LENGTH })}</p>
            {error ? (
              <p
                role="alert"
                className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
              >
                {error}{' '}
                <Link to="/forgot-password" className={link}>
                  {t('password.reset.again')}
                </Link>
              </p>
            ) : null}
            <input type="hidden" name="token" value={loaderData.token} />
            <Field
              label={t('password.new')}
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={PASSWORD_MIN_LENGTH}
              error={data?.errors?.password}
              required
            />
            <Field
              label={t('password.confirm')}
              name="confirm"
              type="password"
              autoComplete="new-password"
              error={data?.errors?.confirm}
              required
            />
            <button type="submit" disabled={busy} className={`${btn.primary} w-full`}>
              {busy ? t('common.loading') : t('password.reset.submit')}
            </button>
          </Form>
        )}
      </div>
    </main>
  )
}
