// The page a reset (or invitation) link opens: choose a new password. The link works once.
import { Form, Link, redirect, useActionData, useNavigation } from 'react-router'
import type { Route } from './+types/password.reset'
import { t } from '../i18n/fr'
import { AuthCard } from '../components/auth-card'
import { FormAlert } from '../components/field'
import { NewPasswordFields, PasswordRules } from '../components/credential-fields'
import { apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { btn, link } from '../components/ui'

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
    <AuthCard title={t('password.reset.title')}>
      {!loaderData.token ? (
        <p role="alert" className="text-sm">
          {t('password.reset.noToken')}{' '}
          <Link to="/forgot-password" className={link}>
            {t('password.forgot.title')}
          </Link>
        </p>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          <PasswordRules />
          <FormAlert>
            {error ? (
              <>
                {error}{' '}
                <Link to="/forgot-password" className={link}>
                  {t('password.reset.again')}
                </Link>
              </>
            ) : null}
          </FormAlert>
          <input type="hidden" name="token" value={loaderData.token} />
          <NewPasswordFields name="password" errors={data?.errors} />
          <button type="submit" disabled={busy} className={`${btn.primary} w-full`}>
            {busy ? t('common.loading') : t('password.reset.submit')}
          </button>
        </Form>
      )}
    </AuthCard>
  )
}
