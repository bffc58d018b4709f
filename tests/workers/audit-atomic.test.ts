// A write and its audit entry commit together or not at all (issue 10, finding 5). No input can
// make the audit insert fail any more (the character door refuses what jsonb cannot hold), so the
// failure is made real in the database: a trigger refuses every audit row of one user agent.
// Each family's write is then sent with that user agent and must leave nothing behind.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { issueResetLink } from '../../worker/auth/password-reset.service.ts'
import { api } from '../../worker/app.ts'
import { type Db, withDb } from '../../worker/db/client.ts'
import { allowConsoleError } from '../setup/fail-on-console-error.ts'

const e = env
const FAILS = 'audit-must-fail'
const PASSWORD = 'Demo-Password-2026'
const origin = new URL(e.APP_URL).origin
const db = <T>(fn: (db: Db) => Promise<T>) => withDb(e, fn)
const one = async <T>(query: ReturnType<typeof sql>) =>
  db(async (d) => (await d.execute<T & Record<string, unknown>>(query)).rows[0] as T | undefined)

async function call(method: string, path: string, { cookie = '', body, ua = 'vitest' } = {} as Call) {
  const ctx = createExecutionContext()
  const headers: Record<string, string> = { origin, 'user-agent': ua, cookie }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await api.fetch(
    new Request(`${origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    e,
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return res
}
type Call = { cookie?: string; body?: unknown; ua?: string }

async function signIn(email: string, password = PASSWORD) {
  const res = await call('POST', '/api/v1/auth/login', { body: { email, password } })
  expect(res.status, email).toBe(200)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

// The write, sent so that its audit entry fails: a 500, and no audit row of that user agent.
// The app reports the refused insert as an unhandled error (console.error): expected here.
async function failing(method: string, path: string, opts: Omit<Call, 'ua'> = {}) {
  allowConsoleError()
  const res = await call(method, path, { ...opts, ua: FAILS })
  expect(res.status, `${method} ${path}`).toBe(500)
  return res
}

const id = async (query: ReturnType<typeof sql>) => (await one<{ id: string }>(query))!.id

let admin = ''
beforeAll(async () => {
  await db(async (d) => {
    await d.execute(sql`create or replace function audit_must_fail() returns trigger language plpgsql as $$
      begin
        if new.user_agent = ${sql.raw(`'${FAILS}'`)} then raise exception 'audit refused for the test'; end if;
        return new;
      end $$`)
    await d.execute(
      sql`create trigger audit_must_fail before insert on audit_log for each row execute function audit_must_fail()`,
    )
  })
  admin = await signIn('admin@demo.crm')
})
afterAll(async () => {
  await db(async (d) => {
    await d.execute(sql`drop trigger if exists audit_must_fail on audit_log`)
    expect((await d.execute(sql`select 1 from audit_log where user_agent = ${FAILS}`)).rows).toHaveLength(0)
  })
})

describe('when the audit entry cannot be written, the write is not committed either', () => {
  test('sign-in: neither the failed-attempt count nor a new session', async () => {
    const viewer = await one<{ id: string; failed_login_count: number }>(
      sql`select id, failed_login_count from users where email = 'viewer@demo.crm'`,
    )
    await failing('POST', '/api/v1/auth/login', { body: { email: 'viewer@demo.crm', password: 'wrong-password-1' } })
    const sessions = sql`select count(*)::int as n from sessions where user_id = ${viewer!.id}`
    const before = (await one<{ n: number }>(sessions))!.n
    await failing('POST', '/api/v1/auth/login', { body: { email: 'viewer@demo.crm', password: PASSWORD } })
    expect((await one<{ n: number }>(sessions))!.n).toBe(before)
    const after = await one<{ failed_login_count: number }>(
      sql`select failed_login_count from users where id = ${viewer!.id}`,
    )
    expect(after!.failed_login_count).toBe(viewer!.failed_login_count)
  })

  test('users: created, changed, unlocked, reset by an admin', async () => {
    await failing('POST', '/api/v1/users', {
      cookie: admin,
      body: { email: 'never@demo.crm', name: 'Jamais', role: 'sales' },
    })
    expect(await one(sql`select 1 from users where email = 'never@demo.crm'`)).toBeUndefined()
    const target = await one<{ id: string; role: string; password_hash: string }>(
      sql`select id, role, password_hash from users where email = 'sales2@demo.crm'`,
    )
    await failing('PATCH', `/api/v1/users/${target!.id}`, { cookie: admin, body: { role: 'manager', name: 'Autre' } })
    await db((d) => d.execute(sql`update users set failed_login_count = 3 where id = ${target!.id}`))
    await failing('POST', `/api/v1/users/${target!.id}/unlock`, { cookie: admin })
    await failing('POST', `/api/v1/users/${target!.id}/reset-password`, { cookie: admin })
    const after = await one<{ role: string; name: string; failed_login_count: number; password_hash: string }>(
      sql`select role, name, failed_login_count, password_hash from users where id = ${target!.id}`,
    )
    expect(after).toMatchObject({ role: target!.role, failed_login_count: 3, password_hash: target!.password_hash })
    expect(after!.name).not.toBe('Autre')
    await db((d) => d.execute(sql`update users set failed_login_count = 0 where id = ${target!.id}`))
  })

  test('teams: created, renamed, deleted', async () => {
    await failing('POST', '/api/v1/teams', { cookie: admin, body: { name: 'Équipe fantôme' } })
    expect(await one(sql`select 1 from teams where name = 'Équipe fantôme'`)).toBeUndefined()
    const team = await id(sql`insert into teams (name) values ('Équipe vide') returning id`)
    await failing('PATCH', `/api/v1/teams/${team}`, { cookie: admin, body: { name: 'Renommée' } })
    await failing('DELETE', `/api/v1/teams/${team}`, { cookie: admin })
    expect(await one(sql`select name from teams where id = ${team}`)).toEqual({ name: 'Équipe vide' })
  })

  test('roles: a permission changed, a role reset', async () => {
    const rows = sql`select count(*)::int as n from role_permissions where role = 'viewer'`
    const before = (await one<{ n: number }>(rows))!.n
    await failing('PATCH', '/api/v1/roles/viewer', {
      cookie: admin,
      body: { changes: [{ permission: 'tasks:read', allowed: false }] },
    })
    expect((await one<{ n: number }>(rows))!.n).toBe(before)
    await db((d) =>
      d.execute(sql`insert into role_permissions (role, permission, allowed) values ('viewer', 'tasks:read', false)`),
    )
    await failing('POST', '/api/v1/roles/viewer/reset', { cookie: admin })
    expect((await one<{ n: number }>(rows))!.n).toBe(before + 1)
    await db((d) => d.execute(sql`delete from role_permissions where role = 'viewer' and permission = 'tasks:read'`))
  })

  test('sessions: one revoked, all signed out, the password changed or reset', async () => {
    const me = await signIn('manager@demo.crm')
    const other = await signIn('manager@demo.crm')
    const user = await id(sql`select id from users where email = 'manager@demo.crm'`)
    const session = await id(sql`select id from sessions where user_id = ${user} order by created_at desc limit 1`)
    await failing('DELETE', `/api/v1/auth/sessions/${session}`, { cookie: me })
    await failing('POST', '/api/v1/auth/logout-all', { cookie: me })
    await failing('POST', '/api/v1/auth/logout', { cookie: other })
    await failing('POST', '/api/v1/auth/password', {
      cookie: me,
      body: { currentPassword: PASSWORD, newPassword: 'Another-Password-2026!' },
    })
    const token = await db((d) => issueResetLink(d, { id: user, email: 'manager@demo.crm' }))
    await failing('POST', '/api/v1/auth/password-reset/confirm', {
      body: { token, password: 'Another-Password-2026!' },
    })
    for (const cookie of [me, other]) expect((await call('GET', '/api/v1/auth/me', { cookie })).status).toBe(200)
    await signIn('manager@demo.crm', PASSWORD)
    expect(
      await one(sql`select 1 from password_resets where user_id = ${user} and used_at is not null`),
    ).toBeUndefined()
  })

  test('API tokens: created, revoked', async () => {
    const expiresAt = new Date(Date.now() + 86400_000).toISOString()
    await failing('POST', '/api/v1/api-tokens', {
      cookie: admin,
      body: { name: 'Fantôme', roleCeiling: 'viewer', expiresAt },
    })
    expect(await one(sql`select 1 from api_tokens where name = 'Fantôme'`)).toBeUndefined()
    const created = await call('POST', '/api/v1/api-tokens', {
      cookie: admin,
      body: { name: 'Réel', roleCeiling: 'viewer', expiresAt },
    })
    const token = ((await created.json()) as { id: string }).id
    await failing('DELETE', `/api/v1/api-tokens/${token}`, { cookie: admin })
    expect(await one(sql`select revoked_at from api_tokens where id = ${token}`)).toEqual({ revoked_at: null })
  })

  test('webhooks: created, edited, secret rotated, deleted, events replayed', async () => {
    const url = `${e.WEBHOOK_RECEIVER_URL.replace(/\/$/, '')}/atomic`
    await failing('POST', '/api/v1/webhooks', { cookie: admin, body: { url, events: ['*'], description: 'Fantôme' } })
    expect(await one(sql`select 1 from webhooks where description = 'Fantôme'`)).toBeUndefined()
    const created = await call('POST', '/api/v1/webhooks', { cookie: admin, body: { url, events: ['*'] } })
    expect(created.status).toBe(201)
    const hook = ((await created.json()) as { id: string }).id
    const before = await one(sql`select url, description, secret, previous_secret from webhooks where id = ${hook}`)
    await failing('PATCH', `/api/v1/webhooks/${hook}`, { cookie: admin, body: { description: 'Modifié' } })
    await failing('POST', `/api/v1/webhooks/${hook}/rotate`, { cookie: admin })
    await failing('DELETE', `/api/v1/webhooks/${hook}`, { cookie: admin })
    await failing('POST', `/api/v1/webhooks/${hook}/replay`, { cookie: admin, body: { since: '2020-01-01T00:00:00Z' } })
    expect(await one(sql`select url, description, secret, previous_secret from webhooks where id = ${hook}`)).toEqual(
      before,
    )
    expect(await one(sql`select 1 from webhook_messages where webhook_id = ${hook}`)).toBeUndefined()
    await call('DELETE', `/api/v1/webhooks/${hook}`, { cookie: admin })
  })

  test('records: a deletion (the generic trail), a restore from the bin, a queued export', async () => {
    const org = await id(sql`select id from organisations where deleted_at is null order by name limit 1`)
    await failing('DELETE', `/api/v1/organisations/${org}`, { cookie: admin })
    expect(await one(sql`select deleted_at from organisations where id = ${org}`)).toEqual({ deleted_at: null })
    const binned = await id(sql`select id from organisations where deleted_at is null order by name desc limit 1`)
    await db((d) => d.execute(sql`update organisations set deleted_at = now() where id = ${binned}`))
    await failing('POST', `/api/v1/bin/organisations/${binned}/restore`, { cookie: admin })
    expect(await one(sql`select deleted_at is not null as binned from organisations where id = ${binned}`)).toEqual({
      binned: true,
    })
    await db((d) => d.execute(sql`update organisations set deleted_at = null where id = ${binned}`))
    const exports = sql`select count(*)::int as n from exports`
    const before = (await one<{ n: number }>(exports))!.n
    await failing('POST', '/api/v1/exports', { cookie: admin, body: { entity: 'organisations', format: 'csv' } })
    expect((await one<{ n: number }>(exports))!.n).toBe(before)
  })

  test('imports: an upload leaves no import, a start leaves it waiting', async () => {
    const upload = async (ua: string) => {
      const form = new FormData()
      form.set('entity', 'organisations')
      form.set('file', new Blob(['nom;type\nAudit atomique;INVESTISSEUR\n']), 'atomique.csv')
      const ctx = createExecutionContext()
      const headers = { origin, 'user-agent': ua, cookie: admin }
      const res = await api.fetch(
        new Request(`${origin}/api/v1/imports`, { method: 'POST', headers, body: form }),
        e,
        ctx,
      )
      await waitOnExecutionContext(ctx)
      return res
    }
    const imports = sql`select count(*)::int as n from imports where file_name = 'atomique.csv'`
    allowConsoleError()
    expect((await upload(FAILS)).status).toBe(500)
    expect((await one<{ n: number }>(imports))!.n).toBe(0)
    const uploaded = await upload('vitest')
    expect(uploaded.status).toBe(201)
    const { id: importId, mapping } = (await uploaded.json()) as { id: string; mapping: unknown }
    await failing('POST', `/api/v1/imports/${importId}/start`, { cookie: admin, body: { mapping, mode: 'create' } })
    expect(await one(sql`select status from imports where id = ${importId}`)).toEqual({ status: 'uploaded' })
  })
})

describe('when the audit entry is written, so is the write', () => {
  test('a deletion through the generic trail commits with its entry', async () => {
    const org = await id(sql`select id from organisations where deleted_at is null order by name limit 1`)
    expect((await call('DELETE', `/api/v1/organisations/${org}`, { cookie: admin })).status).toBe(204)
    expect(await one(sql`select deleted_at is not null as binned from organisations where id = ${org}`)).toEqual({
      binned: true,
    })
    expect(
      await one(sql`select action from audit_log where target_id = ${org} and action = 'organisations.deleted'`),
    ).toEqual({ action: 'organisations.deleted' })
    expect((await call('POST', `/api/v1/bin/organisations/${org}/restore`, { cookie: admin })).status).toBe(200)
    expect(await one(sql`select action from audit_log where target_id = ${org} and action = 'bin.restored'`)).toEqual({
      action: 'bin.restored',
    })
  })
})
