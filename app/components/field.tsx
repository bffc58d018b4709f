import { useId } from 'react'
import { cx } from './ui'

export const inputClass =
  'block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 ' +
  'placeholder:text-slate-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-900 ' +
  'dark:text-slate-100 dark:placeholder:text-slate-400 dark:aria-[invalid=true]:border-red-400'
const labelClass = 'mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300'
const errorClass = 'mt-1 text-sm text-red-700 dark:text-red-300'
const hintClass = 'mt-1 text-xs text-slate-600 dark:text-slate-400'

type Labelled = { label: string; name: string; error?: string; hint?: string }
// What the control itself receives: its id, and the error and hint it is described by.
type ControlProps = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; className: string }

const describedBy = (id: string, error?: string, hint?: string) =>
  [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} className={errorClass}>
      {error}
    </p>
  ) : null
}

// A labelled control whose hint and error sit right under it and are announced with it.
function LabelledControl({
  label,
  required,
  error,
  hint,
  className,
  control,
}: Omit<Labelled, 'name'> & {
  required?: boolean
  className?: string
  control: (props: ControlProps) => React.ReactNode
}) {
  const id = useId()
  return (
    <div className={className}>
      <label htmlFor={id} className={labelClass}>
        {label}
        {required ? ' *' : ''}
      </label>
      {control({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(id, error, hint),
        className: inputClass,
      })}
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  )
}

type Props = React.InputHTMLAttributes<HTMLInputElement> & Labelled

export function Field({ label, name, error, hint, className, ...rest }: Props) {
  return (
    <LabelledControl
      {...{ label, error, hint, className }}
      required={rest.required}
      control={(control) => <input {...control} name={name} {...rest} />}
    />
  )
}

type SelectProps = React.SelectHTMLAttributes<HTMLSelectElement> &
  Labelled & { options: { value: string; label: string }[]; empty?: string }

export function SelectField({ label, name, error, options, empty, hint, className, ...rest }: SelectProps) {
  return (
    <LabelledControl
      {...{ label, error, hint, className }}
      required={rest.required}
      control={(control) => (
        <select {...control} name={name} {...rest}>
          {empty !== undefined ? <option value="">{empty}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  )
}

type AreaProps = React.TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled

export function TextareaField({ label, name, error, hint, className, ...rest }: AreaProps) {
  return (
    <LabelledControl
      {...{ label, error, hint, className }}
      required={rest.required}
      control={(control) => <textarea {...control} name={name} rows={4} {...rest} />}
    />
  )
}

type CheckProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, 'type'> & Omit<Labelled, 'hint'>

export function CheckboxField({ label, name, error, className, ...rest }: CheckProps) {
  const id = useId()
  return (
    <div className={className}>
      <label
        htmlFor={id}
        className={
          'flex min-h-11 cursor-pointer items-center gap-3 text-sm font-medium text-slate-700 dark:text-slate-300'
        }
      >
        <input
          id={id}
          name={name}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="h-5 w-5 rounded border-slate-400 accent-blue-700"
          {...rest}
        />
        {label}
      </label>
      <FieldError id={id} error={error} />
    </div>
  )
}

// A banner for a form-level problem (the API's `detail` when no field is at fault).
export function FormAlert({ children }: { children: React.ReactNode }) {
  if (!children) return null
  return (
    <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
      {children}
    </p>
  )
}

const NOTICE_TONE = {
  success: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100',
  warning: 'bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
}

// A banner for news about the form that is not a fault (sent, done, or what must be done first).
export function FormNotice({
  tone = 'success',
  testId,
  children,
}: {
  tone?: keyof typeof NOTICE_TONE
  testId?: string
  children: React.ReactNode
}) {
  return (
    <p role="status" className={cx('rounded-md p-3 text-sm', NOTICE_TONE[tone])} data-testid={testId}>
      {children}
    </p>
  )
}

// A fault said in a line of text where no form banner fits (beside buttons, under a drop zone).
export function InlineAlert({ children }: { children: React.ReactNode }) {
  if (!children) return null
  return (
    <p role="alert" className="text-sm text-red-700 dark:text-red-300">
      {children}
    </p>
  )
}
