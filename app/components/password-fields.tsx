// Choosing a new password, on the change page and on the page a reset link opens: the rule, then
// the new password (its minimum length checked by the browser too) and its confirmation.
import { PASSWORD_MIN_LENGTH } from '../../worker/auth/password-policy'
import { t } from '../i18n/fr'
import { Field } from './field'
import { cx, muted } from './ui'

export function PasswordRules() {
  return <p className={cx(muted, 'text-sm')}>{t('password.rules', { min: PASSWORD_MIN_LENGTH })}</p>
}

export function NewPasswordFields({ name, errors }: { name: string; errors?: Record<string, string> }) {
  return (
    <>
      <Field
        label={t('password.new')}
        name={name}
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        error={errors?.[name]}
        required
      />
      <Field
        label={t('password.confirm')}
        name="confirm"
        type="password"
        autoComplete="new-password"
        error={errors?.confirm}
        required
      />
    </>
  )
}
