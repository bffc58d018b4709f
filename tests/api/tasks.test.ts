import { describe, expect, test } from 'vitest'
import { as, eventually, unique } from '../setup/api-client.ts'

const me = async (user: Parameters<typeof as>[0]) =>
  (await (await as(user)).get('/api/v1/auth/me')).body as { id: string; teamId: string }
const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString()

describe('tasks', () => {
  test('a task is created, read, updated, completed and deleted', async () => {
    const sales = await as('sales')
    const org = (await sales.post('/api/v1/organisations', { name: unique('Task Org'), type: 'INVESTISSEUR' })).body
    const created = await sales.post('/api/v1/tasks', {
      title: 'Relancer',
      dueAt: inDays(2),
      priority: 'HIGH',
      organisationId: org.id,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      title: 'Relancer',
      priority: 'HIGH',
      status: 'TODO',
      assigneeId: (await me('sales')).id,
      assigneeName: 'Sarah Commerciale',
      organisationId: org.id,
      organisationName: org.name,
      isOverdue: false,
      completedAt: null,
    })
    const id = created.body.id
    expect((await sales.get(`/api/v1/tasks/${id}`)).body.title).toBe('Relancer')
    const updated = await sales.patch(`/api/v1/tasks/${id}`, { description: 'Par téléphone', status: 'IN_PROGRESS' })
    expect(updated.body).toMatchObject({ description: 'Par téléphone', status: 'IN_PROGRESS' })
    const done = await sales.patch(`/api/v1/tasks/${id}`, { status: 'DONE' })
    expect(done.body.completedAt).toMatch(/Z$/)
    const reopened = await sales.patch(`/api/v1/tasks/${id}`, { status: 'TODO' })
    expect(reopened.body.completedAt).toBeNull()
    expect((await sales.delete(`/api/v1/tasks/${id}`)).status).toBe(204)
    expect((await sales.get(`/api/v1/tasks/${id}`)).status).toBe(404)
  })

  test('invalid input answers 400 with the failing fields', async () => {
    const sales = await as('sales')
    const res = await sales.post('/api/v1/tasks', { title: '', dueAt: 'demain', priority: 'CRITICAL', status: 'LATER' })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['title', 'dueAt', 'priority', 'status']),
    )
    const sales2 = await me('sales2')
    const foreignAssignee = await sales.post('/api/v1/tasks', { title: 'x', assigneeId: sales2.id })
    expect(foreignAssignee.status).toBe(400)
    expect(foreignAssignee.body.errors[0].path).toBe('assigneeId')
  })

  test('mine=true lists my tasks, overdue first then by due date', async () => {
    const sales = await as('sales')
    const salesId = (await me('sales')).id
    for (const [title, days] of [
      ['T+5', 5],
      ['T-3', -3],
      ['T+1', 1],
      ['T-1', -1],
    ] as const) {
      await sales.post('/api/v1/tasks', { title: unique(title), dueAt: inDays(days) })
    }
    await sales.post('/api/v1/tasks', { title: unique('Sans date') })
    const all: any[] = []
    let cursor: string | null = null
    do {
      const res: any = await sales.get(
        `/api/v1/tasks?mine=true&status=TODO,IN_PROGRESS&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      )
      expect(res.status).toBe(200)
      all.push(...res.body.data)
      cursor = res.body.nextCursor
    } while (cursor)
    expect(all.every((t) => t.assigneeId === salesId)).toBe(true)
    expect(new Set(all.map((t) => t.id)).size).toBe(all.length)
    const firstNotOverdue = all.findIndex((t) => !t.isOverdue)
    expect(firstNotOverdue).toBeGreaterThan(0)
    expect(all.slice(firstNotOverdue).every((t) => !t.isOverdue)).toBe(true)
    const dated = all.filter((t) => t.dueAt)
    expect(dated.map((t) => t.dueAt)).toEqual([...dated.map((t) => t.dueAt)].sort())
    // Undated tasks come last.
    expect(all.slice(all.findIndex((t) => !t.dueAt)).every((t) => !t.dueAt)).toBe(true)
  })

  test('reassigning emits task.assigned and notifies the new assignee; completing emits task.completed', async () => {
    const manager = await as('manager')
    const salesId = (await me('sales')).id
    const task = (await manager.post('/api/v1/tasks', { title: unique('Préparer le comité') })).body
    const reassigned = await manager.patch(`/api/v1/tasks/${task.id}`, { assigneeId: salesId })
    expect(reassigned.body.assigneeName).toBe('Sarah Commerciale')
    const sales = await as('sales')
    await eventually(async () =>
      (await sales.get('/api/v1/notifications?limit=50')).body.data.find(
        (n: any) => n.type === 'task.assigned' && n.message === task.title,
      ),
    )
    expect((await sales.patch(`/api/v1/tasks/${task.id}`, { status: 'DONE' })).status).toBe(200)
    const admin = await as('admin')
    const completed = await admin.get('/api/v1/admin/events?type=task.completed&limit=5')
    expect(completed.body.data.length).toBeGreaterThan(0)
  })

  test('scope: sales see tasks assigned to or created by them; other teams answer 404; viewers read only', async () => {
    const sales2 = await as('sales2')
    const t = (await sales2.post('/api/v1/tasks', { title: unique('Lyon') })).body
    expect((await (await as('sales')).get(`/api/v1/tasks/${t.id}`)).status).toBe(404)
    expect((await (await as('manager')).patch(`/api/v1/tasks/${t.id}`, { title: 'x' })).status).toBe(404)
    expect((await (await as('manager2')).get(`/api/v1/tasks/${t.id}`)).status).toBe(200)
    const viewer = await as('viewer')
    expect((await viewer.get('/api/v1/tasks?limit=5')).status).toBe(200)
    expect((await viewer.post('/api/v1/tasks', { title: 'x' })).status).toBe(403)
    const salesId = (await me('sales')).id
    const list = await (await as('sales')).get('/api/v1/tasks?limit=100')
    expect(list.body.data.every((x: any) => x.assigneeId === salesId || x.createdBy === salesId)).toBe(true)
  })

  test('a task on an organisation the author cannot see is refused', async () => {
    const lyonOrg = (
      await (await as('sales2')).post('/api/v1/organisations', { name: unique('Lyon'), type: 'INVESTISSEUR' })
    ).body
    const res = await (await as('sales')).post('/api/v1/tasks', { title: 'x', organisationId: lyonOrg.id })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].path).toBe('organisationId')
  })

  test('the task list is cached per user for mine=true and refreshed by a write', async () => {
    const sales = await as('sales')
    const path = '/api/v1/tasks?mine=true&limit=3'
    // Other test files' task writes move the version meanwhile: ask until a read is a hit.
    await eventually(async () => (await sales.get(path)).headers.get('x-cache') === 'HIT')
    // Another user with the same scope key must not get sales' cached "mine".
    const manager = await as('manager')
    const other = await manager.get(path)
    expect(other.body.data.every((t: any) => t.assigneeId === (other.body.data[0]?.assigneeId ?? t.assigneeId))).toBe(
      true,
    )
    await sales.post('/api/v1/tasks', { title: unique('Cache'), dueAt: inDays(-30) })
    expect((await sales.get(path)).headers.get('x-cache')).toBe('MISS')
  })
})
