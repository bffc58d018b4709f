// Every write path emits its event exactly once, and every payload carries the record's updatedAt
// (events are not ordered: receivers drop stale updates by it). Checked on a real receiver.
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { as, eventually, unique } from '../setup/api-client.ts'
import { WebhookReceiver } from '../setup/webhook-receiver.ts'

type Payload = {
  id: string
  type: string
  data: Record<string, { id?: string; organisationId?: string; updatedAt?: string }>
}
const receiver = new WebhookReceiver()
let hook: { id: string; secret: string }

beforeAll(async () => {
  await receiver.start()
  const res = await (await as('admin')).post('/api/v1/webhooks', { url: receiver.url('/all'), events: ['*'] })
  hook = res.body
})
afterAll(async () => {
  await (await as('admin')).delete(`/api/v1/webhooks/${hook.id}`)
  await receiver.stop()
})

const payloads = () => receiver.at('/all').map((r) => new Webhook(hook.secret).verify(r.body, r.headers) as Payload)
const about = (recordId: string) =>
  payloads().filter((p) =>
    Object.values(p.data).some((v) => typeof v === 'object' && (v?.id === recordId || v?.organisationId === recordId)),
  )
const types = (recordId: string) =>
  about(recordId)
    .map((p) => p.type)
    .sort()

describe('events of each write path', () => {
  test('an organisation: created, edited, moved in the pipeline, deleted and restored, each once', async () => {
    const admin = await as('admin')
    const org = (await admin.post('/api/v1/organisations', { name: unique('Audit Org'), type: 'DISTRIBUTEUR' })).body
    expect((await admin.patch(`/api/v1/organisations/${org.id}`, { city: 'Lyon' })).status).toBe(200)
    expect((await admin.patch(`/api/v1/organisations/${org.id}`, { pipelineStage: 'QUALIFICATION' })).status).toBe(200)
    // The same value again changes nothing, so emits nothing.
    expect((await admin.patch(`/api/v1/organisations/${org.id}`, { city: 'Lyon' })).status).toBe(200)
    expect((await admin.delete(`/api/v1/organisations/${org.id}`)).status).toBe(204)
    expect((await admin.post(`/api/v1/bin/organisations/${org.id}/restore`)).status).toBeLessThan(300)
    const expected = [
      'organisation.created',
      'organisation.deleted',
      'organisation.stage_changed',
      'organisation.updated',
      'organisation.updated',
      'organisation.updated',
      'task.created',
    ]
    await eventually(async () => types(org.id).length >= expected.length, { timeout: 20_000 }).catch(() => {})
    await new Promise((r) => setTimeout(r, 1500))
    expect(types(org.id)).toEqual(expected)
    for (const p of about(org.id)) {
      const record = p.data.organisation ?? p.data.task
      expect(record?.updatedAt, p.type).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    }
    expect(new Set(about(org.id).map((p) => p.id)).size).toBe(expected.length)
  })

  test('a person and a task: created, updated, completed, each once and each with updatedAt', async () => {
    const admin = await as('admin')
    const org = (await admin.post('/api/v1/organisations', { name: unique('Audit Org 2'), type: 'INVESTISSEUR' })).body
    const person = (await admin.post('/api/v1/people', { firstName: 'Alice', lastName: unique('Audit') })).body
    expect((await admin.patch(`/api/v1/people/${person.id}`, { jobTitle: 'Directrice' })).status).toBe(200)
    const task = (await admin.post('/api/v1/tasks', { title: unique('Audit task'), organisationId: org.id })).body
    expect((await admin.patch(`/api/v1/tasks/${task.id}`, { status: 'DONE' })).status).toBe(200)
    await eventually(async () => types(person.id).length >= 2 && types(task.id).length >= 3, { timeout: 20_000 })
    await new Promise((r) => setTimeout(r, 1500))
    expect(types(person.id)).toEqual(['person.created', 'person.updated'])
    expect(types(task.id)).toEqual(['task.completed', 'task.created', 'task.updated'])
    for (const p of [...about(person.id), ...about(task.id)]) {
      expect((p.data.person ?? p.data.task)?.updatedAt, p.type).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    }
  })
})
