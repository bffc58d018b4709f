// Change my password: the current one is required. Also the page a first sign-in with an
// admin-set password lands on (the layout sends every page here until it is changed).
import { Form, redirect, useActionData, useNavigation } from 'react-router'
import type { Route } from './+types/account.password'
import { t } from '../i18n/fr'
import { NewPasswordFields, PasswordField, PasswordRules } from '../components/credential-fields'
import { FormAlert, FormNotice } from '../components/field'
import { apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { flashUrl } from '../lib/use-flash'
import { useMe } from '../lib/use-me'
import { PageHeader } from '../components/page'
import { btn, card } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('password.change.title')} · ${t('app.name')}` }]

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const newPassword = String(form.get('newPassword') ?? '')
  if (newPassword !== String(form.get('confirm') ?? ''))
    return { errors: { confirm: t('password.mismatch') } as Record<string, string> }
  const r = await apiSubmit(context, '/api/v1/auth/password', 'POST', {
    currentPassword: String(form.get('currentPassword') ?? ''),
    newPassword,
  })
  if (r.ok) return redirect(flashUrl('/account', 'password.change.done'))
  const errors = errorsByField(r.problem)
  return { errors, error: Object.keys(errors).length ? undefined : r.problem.detail }
}

export default function ChangePassword() {
  const me = useMe()
  const data = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  const error = data && 'error' in data ? data.error : undefined
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <PageHeader title={t('password.change.title')} />
      {me.mustChangePassword ? (
        <FormNotice tone="warning" testId="password-forced">
          {t('password.change.forced')}
        </FormNotice>
      ) : null}
      <Form method="post" className={`${card} space-y-4 p-4`} noValidate>
        <PasswordRules />
        <FormAlert>{error}</FormAlert>
        <PasswordField
          label={t('password.current')}
          name="currentPassword"
          autoComplete="current-password"
          error={data?.errors?.currentPassword}
        />
        <NewPasswordFields name="newPassword" errors={data?.errors} />
        <button type="submit" disabled={busy} className={btn.primary}>
          {busy ? t('common.loading') : t('password.change.submit')}
        </button>
      </Form>
    </div>
  )
}
