import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, test } from 'vitest'
import type { Env } from '../../worker/env.ts'
import { api } from '../../worker/app.ts'
import { beforeSend } from '../../worker/http/sentry.ts'
import type { ErrorEvent } from '@sentry/cloudflare'

const e = env

async function call(path: string, overrides: Partial<Env> = {}) {
  const ctx = createExecutionContext()
  const res = await api.fetch(new Request(`http://crm.test${path}`), { ...e, ...overrides }, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

describe('the API inside workerd', () => {
  test('health answers 200 when the database answers', async () => {
    const res = await call('/api/v1/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { database: { status: 'ok' } } })
  })

  test('health answers 503 with a clear body when the database is unreachable', async () => {
    const res = await call('/api/v1/health', {
      DATABASE_URL: 'postgres://crm:crm@127.0.0.1:1/none',
      DB_WS_PROXY: '127.0.0.1:1/v1',
    })
    expect(res.status).toBe(503)
    const body = await res.json<{ status: string; checks: { database: { status: string; error?: string } } }>()
    expect(body.status).toBe('down')
    expect(body.checks.database.status).toBe('error')
    // The answer names the failing part, never a connection string.
    expect(JSON.stringify(body)).not.toContain('postgres://')
  })
})

describe('error reports', () => {
  test('cookies, authorization headers and passwords are scrubbed before an event is sent to Sentry', () => {
    const event = beforeSend({
      request: {
        cookies: { crm_session: 'secret-cookie' },
        headers: { authorization: 'Bearer crm_abc', cookie: 'crm_session=secret-cookie', 'user-agent': 'test' },
        data: { email: 'a@b.c', password: 'hunter2hunter2', nested: { newPassword: 'x', token: 'y' } },
        query_string: 'token=abc&page=2',
      },
      extra: { sessionToken: 'z', note: 'kept' },
    } as unknown as ErrorEvent)
    const text = JSON.stringify(event)
    for (const secret of ['secret-cookie', 'crm_abc', 'hunter2hunter2', '"x"', '"y"', '"z"', 'token=abc'])
      expect(text).not.toContain(secret)
    expect(text).toContain('user-agent')
    expect(text).toContain('page=2')
    expect(text).toContain('kept')
  })
})
