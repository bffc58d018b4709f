// Forms use the API's own zod schemas: the same rules give the inputs their constraints
// (required, maxLength), check the form before it is sent, and validate it in the API.
import { useEffect, useMemo, useRef, useState } from 'react'
import { z } from 'zod'
import { t } from '../i18n/fr'
import { fromDateTimeInput } from './format'

const REQUIRED = t('form.required')

type Shape = { booleans?: string[]; arrays?: string[]; omit?: string[]; datetimes?: string[] }

// FormData → the JSON body the API expects (checkboxes as booleans, multi-selects as arrays).
export function formToJson(data: FormData, { booleans = [], arrays = [], omit = [], datetimes = [] }: Shape = {}) {
  const out: Record<string, unknown> = {}
  for (const [key, value] of data) {
    if (omit.includes(key) || key === 'intent' || typeof value !== 'string') continue
    if (arrays.includes(key)) continue
    out[key] = value
  }
  for (const key of booleans) out[key] = data.get(key) === 'on' || data.get(key) === 'true'
  for (const key of arrays) out[key] = data.getAll(key).map(String).filter(Boolean)
  for (const key of datetimes)
    if (typeof out[key] === 'string' && out[key]) out[key] = fromDateTimeInput(out[key] as string)
  return out
}

export type Constraints = Record<string, { required?: boolean; maxLength?: number }>

const cache = new WeakMap<z.ZodType, Constraints>()
export function constraintsOf(schema: z.ZodType): Constraints {
  const hit = cache.get(schema)
  if (hit) return hit
  const out: Constraints = {}
  try {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties?: Record<string, { maxLength?: number; anyOf?: { maxLength?: number }[] }>
      required?: string[]
    }
    for (const [key, prop] of Object.entries(json.properties ?? {})) {
      const maxLength = prop.maxLength ?? prop.anyOf?.find((p) => p.maxLength)?.maxLength
      out[key] = { required: json.required?.includes(key) || undefined, ...(maxLength ? { maxLength } : {}) }
    }
  } catch {}
  cache.set(schema, out)
  return out
}

export function clientErrors(schema: z.ZodType, values: unknown): Record<string, string> | null {
  const r = schema.safeParse(values)
  if (r.success) return null
  const errors: Record<string, string> = {}
  for (const issue of r.error.issues) {
    const path = issue.path.join('.')
    if (path && !errors[path]) errors[path] = issue.message
  }
  return errors
}

// Checks the form with the schema before submitting; shows the server's errors otherwise.
// Focus goes to the first invalid field either way.
export function useSchemaForm(schema: z.ZodType, serverErrors: Record<string, string> | undefined, shape: Shape = {}) {
  const [local, setLocal] = useState<Record<string, string> | null>(null)
  const constraints = useMemo(() => constraintsOf(schema), [schema])
  const formRef = useRef<HTMLFormElement>(null)
  /* biome-ignore lint/correctness/useExhaustiveDependencies: `serverErrors` is the trigger, a new server answer clears
     the local errors */
  useEffect(() => {
    setLocal(null)
  }, [serverErrors])
  const errors = local ?? serverErrors ?? {}
  /* biome-ignore lint/correctness/useExhaustiveDependencies: `errors` is a new object every render; focus moves only
     when the local or server errors change */
  useEffect(() => {
    if (Object.keys(errors).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [local, serverErrors]) // eslint-disable-line react-hooks/exhaustive-deps
  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    const values = formToJson(new FormData(e.currentTarget), shape)
    const found = clientErrors(schema, values)
    // An empty required field says so, whatever the schema's message for a wrong value.
    if (found)
      for (const key of Object.keys(found))
        if (constraints[key]?.required && (values[key] ?? '') === '') found[key] = REQUIRED
    if (found) {
      e.preventDefault()
      setLocal(found)
    } else setLocal(null)
  }
  const field = (name: string) => ({ name, error: errors[name], ...constraints[name] })
  return { formRef, onSubmit, errors, field }
}
