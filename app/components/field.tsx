import { useId } from 'react'

type Props = React.InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string }

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-900 placeholder:text-slate-500 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100'

// A labelled input whose error sits right under it and is announced with it.
export function Field({ label, name, error, className, ...rest }: Props) {
  const id = useId()
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">{label}{rest.required ? ' *' : ''}</label>
      <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={inputClass} {...rest} />
      {error ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">{error}</p> : null}
    </div>
  )
}

type SelectProps = React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string; name: string; error?: string; options: { value: string; label: string }[]; empty?: string
}

export function SelectField({ label, name, error, options, empty, className, ...rest }: SelectProps) {
  const id = useId()
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700 dark:text-slate-300">{label}{rest.required ? ' *' : ''}</label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className={inputClass} {...rest}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {error ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">{error}</p> : null}
    </div>
  )
}
