// The fields of the account pages (sign-in, forgotten password, change and reset): the address
// an account signs in with, a password, and choosing a new password: the rule, then the new
// password (its minimum length checked by the browser too) and its confirmation.
import { PASSWORD_MIN_LENGTH } from '../../worker/auth/password-policy'
import { t } from '../i18n/fr'
import { Field } from './field'
import { cx, muted } from './ui'

export function EmailField({ defaultValue, error }: { defaultValue?: string; error?: string }) {
  return (
    <Field
      label={t('auth.email')}
      name="email"
      type="email"
      autoComplete="username"
      defaultValue={defaultValue}
      error={error}
      required
    />
  )
}

// `autoComplete` tells password managers whether to fill the saved password or offer a new one.
export function PasswordField({
  label,
  name,
  autoComplete,
  error,
  minLength,
}: {
  label: string
  name: string
  autoComplete: 'current-password' | 'new-password'
  error?: string
  minLength?: number
}) {
  return (
    <Field
      label={label}
      name={name}
      type="password"
      autoComplete={autoComplete}
      minLength={minLength}
      error={error}
      required
    />
  )
}

export function PasswordRules() {
  return <p className={cx(muted, 'text-sm')}>{t('password.rules', { min: PASSWORD_MIN_LENGTH })}</p>
}

export function NewPasswordFields({ name, errors }: { name: string; errors?: Record<string, string> }) {
  return (
    <>
      <PasswordField
        label={t('password.new')}
        name={name}
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        error={errors?.[name]}
      />
      <PasswordField label={t('password.confirm')} name="confirm" autoComplete="new-password" error={errors?.confirm} />
    </>
  )
}
