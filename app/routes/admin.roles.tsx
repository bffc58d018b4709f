// The permission matrix: one role at a time, resources × actions. A checked cell is granted;
// a cell that differs from the role's default is marked; locked cells cannot change.
import { Form, NavLink, useNavigation, useSearchParams } from 'react-router'
import type { Route } from './+types/admin.roles'
import { labels, t, type MessageKey } from '../i18n/fr'
import { apiJson } from '../lib/api.server'
import { submit, type Answer } from '../lib/actions.server'
import { useAnswerToast } from '../lib/use-fetcher-toast'
import { btn, card, cx, muted } from './admin.ui'

type RoleMatrix = {
  role: keyof typeof labels.role
  permissions: string[]
  defaults: string[]
  overrides: { permission: string; allowed: boolean }[]
  locked: string[]
}
type Matrix = { resources: string[]; actions: string[]; roles: RoleMatrix[] }

export const loader = ({ context }: Route.LoaderArgs) => apiJson<Matrix>(context, '/api/v1/roles')

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData()
  const role = String(form.get('role'))
  if (form.get('intent') === 'reset')
    return submit(context, `/api/v1/roles/${encodeURIComponent(role)}/reset`, 'POST', {}, t('admin.roles.resetDone'))
  const granted = new Set(form.getAll('permission').map(String))
  const current = new Set(form.getAll('current').map(String))
  const all = form.getAll('cell').map(String)
  const changes = all
    .filter((p) => granted.has(p) !== current.has(p))
    .map((permission) => ({ permission, allowed: granted.has(permission) }))
  if (!changes.length) return { ok: true, message: t('admin.roles.noChange') } satisfies Answer
  return submit(context, `/api/v1/roles/${encodeURIComponent(role)}`, 'PATCH', { changes }, t('admin.roles.saved'))
}

export default function AdminRoles({ loaderData, actionData }: Route.ComponentProps) {
  const [params] = useSearchParams()
  const navigation = useNavigation()
  useAnswerToast(actionData, navigation.state)
  const role =
    loaderData.roles.find((r) => r.role === params.get('role')) ?? loaderData.roles.find((r) => r.role === 'manager')!
  const granted = new Set(role.permissions)
  const defaults = new Set(role.defaults)
  const locked = new Set(role.locked)
  const writable = (p: string) => !locked.has(p) && (role.role !== 'viewer' || p.endsWith(':read'))
  return (
    <section className="space-y-3" aria-label={t('admin.tab.roles')}>
      <nav aria-label={t('admin.roles.choose')} className="flex flex-wrap gap-2">
        {loaderData.roles.map((r) => (
          <NavLink
            key={r.role}
            to={`?role=${r.role}`}
            preventScrollReset
            aria-current={r.role === role.role ? 'page' : undefined}
            className={cx(
              'inline-flex min-h-11 items-center rounded-full px-4 text-sm font-medium',
              r.role === role.role
                ? 'bg-blue-700 text-white'
                : 'bg-white text-slate-700 ring-1 ring-slate-300 dark:bg-slate-900 dark:text-slate-200 ' +
                    'dark:ring-slate-700',
            )}
          >
            {labels.role[r.role]}
          </NavLink>
        ))}
      </nav>
      <p className={cx(muted, 'text-sm')}>
        {role.role === 'viewer' ? t('admin.roles.viewerNote') : t('admin.roles.note')}
      </p>
      <Form method="post" key={`${role.role}-${role.permissions.join()}`} className="space-y-3">
        <input type="hidden" name="role" value={role.role} />
        {role.permissions.map((p) => (
          <input key={p} type="hidden" name="current" value={p} />
        ))}
        <div className={cx(card, 'overflow-x-auto')}>
          <table className="w-full min-w-[720px] text-sm" data-testid="permission-matrix">
            <caption className="sr-only">{t('admin.roles.caption', { role: labels.role[role.role] })}</caption>
            <thead className={cx(muted, 'text-xs uppercase')}>
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  {t('admin.roles.resource')}
                </th>
                {loaderData.actions.map((a) => (
                  <th key={a} scope="col" className="px-2 py-2">
                    {t(`admin.action.${a}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {loaderData.resources.map((res) => (
                <tr key={res}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {t(`admin.resource.${res}` as MessageKey)}
                  </th>
                  {loaderData.actions.map((a) => {
                    const p = `${res}:${a}`
                    const changed = granted.has(p) !== defaults.has(p)
                    return (
                      <td key={a} className={cx('px-2 py-2 text-center', changed && 'bg-amber-50 dark:bg-amber-950')}>
                        {writable(p) ? <input type="hidden" name="cell" value={p} /> : null}
                        <input
                          type="checkbox"
                          name="permission"
                          value={p}
                          defaultChecked={granted.has(p)}
                          disabled={!writable(p)}
                          className="h-5 w-5"
                          aria-label={t('admin.roles.cell', {
                            resource: t(`admin.resource.${res}` as MessageKey),
                            action: t(`admin.action.${a}` as MessageKey),
                          })}
                          data-permission={p}
                        />
                      </td>
                    )
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <button
            type="submit"
            name="intent"
            value="reset"
            className={btn.secondary}
            disabled={navigation.state !== 'idle' || role.overrides.length === 0}
          >
            {t('admin.roles.reset')}
          </button>
          <button
            type="submit"
            name="intent"
            value="save"
            className={btn.primary}
            disabled={navigation.state !== 'idle'}
          >
            {t('common.save')}
          </button>
        </div>
      </Form>
    </section>
  )
}
