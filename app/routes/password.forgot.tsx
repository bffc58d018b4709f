// "Mot de passe oublié ?": asks for a reset link (valid 24 hours). The answer is the same
// whether the address has an account or not.
import { Form, Link, useActionData, useNavigation } from 'react-router'
import type { Route } from './+types/password.forgot'
import { t } from '../i18n/fr'
import { AuthCard } from '../components/auth-card'
import { EmailField } from '../components/credential-fields'
import { FormAlert, FormNotice } from '../components/field'
import { apiSubmit } from '../lib/api.server'
import { errorsByField } from '../lib/actions.server'
import { btn, link, muted } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: `${t('password.forgot.title')} · ${t('app.name')}` }]

export const loader = ({ context }: Route.LoaderArgs) => ({ devMailbox: context.env.DEV_MAILBOX === 'on' })

export async function action({ request, context }: Route.ActionArgs) {
  const email = String((await request.formData()).get('email') ?? '')
  const r = await apiSubmit<{ detail: string }>(context, '/api/v1/auth/password-reset', 'POST', { email })
  if (r.ok) return { sent: r.data.detail }
  return { error: r.problem.detail, errors: errorsByField(r.problem), email }
}

export default function ForgotPassword({ loaderData }: Route.ComponentProps) {
  const data = useActionData<typeof action>()
  const busy = useNavigation().state !== 'idle'
  return (
    <AuthCard title={t('password.forgot.title')}>
      {data && 'sent' in data ? (
        <div className="space-y-3">
          <FormNotice testId="reset-sent">{data.sent}</FormNotice>
          {loaderData.devMailbox ? (
            <p className={`${muted} text-sm`}>
              {t('password.forgot.devHint')}{' '}
              <Link to="/dev/mailbox" className={link}>
                {t('mailbox.link')}
              </Link>
              .
            </p>
          ) : null}
        </div>
      ) : (
        <Form method="post" className="space-y-4" noValidate>
          <p className={`${muted} text-sm`}>{t('password.forgot.intro')}</p>
          <FormAlert>{Object.keys(data?.errors ?? {}).length ? null : data?.error}</FormAlert>
          <EmailField defaultValue={data?.email} error={data?.errors?.email} />
          <button type="submit" disabled={busy} className={`${btn.primary} w-full`}>
            {busy ? t('common.loading') : t('password.forgot.submit')}
          </button>
        </Form>
      )}
      <p className="mt-6 text-sm">
        <Link to="/login" className={link}>
          {t('password.forgot.back')}
        </Link>
      </p>
    </AuthCard>
  )
}
