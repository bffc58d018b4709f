// A background export end to end: POST /exports → EXPORTS queue → consumer → R2 → "Export prêt"
// notification → download by the requester; anyone else is answered as if it did not exist.
import { describe, expect, test } from 'vitest'
import { as, eventually } from '../setup/api-client.ts'
import { download, readWorkbook } from './exports.helpers.ts'

describe('background exports', () => {
  test('a queued Excel export is built, stored, announced and downloadable by its requester only', async () => {
    const sales = await as('sales')
    const started = await sales.post('/api/v1/exports', {
      entity: 'organisations',
      format: 'xlsx',
      filters: { stage: 'SIGNE', sort: '-amount' },
    })
    expect(started.status).toBe(202)
    expect(started.headers.get('location')).toBe(`/api/v1/exports/${started.body.id}`)
    const id = started.body.id as string

    const job = await eventually(
      async () => {
        const res = await sales.get(`/api/v1/exports/${id}`)
        expect(res.status).toBe(200)
        return res.body.status === 'done' ? res.body : null
      },
      { timeout: 30_000 },
    )
    const signed = (await sales.get('/api/v1/organisations?stage=SIGNE&limit=100')).body.data
    expect(job).toMatchObject({ entity: 'organisations', format: 'xlsx', progress: 100, rowCount: signed.length })
    expect(job.downloadUrl).toBe(`/api/v1/exports/${id}/file`)
    expect(new Date(job.expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86400_000)

    const notice = await eventually(async () => {
      const list = await sales.get('/api/v1/notifications?limit=50')
      return list.body.data.find(
        (n: { type: string; link: string }) => n.type === 'export.ready' && n.link === job.downloadUrl,
      )
    })
    expect(notice.title).toBe('Export prêt')

    const file = await download(sales, job.downloadUrl)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-disposition')).toContain(job.fileName)
    const { workbook, part } = await readWorkbook(file.bytes)
    expect(workbook.getWorksheet('Données')!.rowCount).toBe(signed.length + 1)
    expect(part('xl/charts/chart1.xml')).toContain('Graphiques!$C$2:$C$5')

    const recent = await sales.get('/api/v1/exports')
    expect(recent.body.data[0]).toMatchObject({ id, status: 'done' })

    // Another user, even their manager or an admin, cannot see the job or fetch the file.
    for (const other of ['manager', 'admin', 'sales2'] as const) {
      const client = await as(other)
      expect((await download(client, job.downloadUrl)).status).toBe(404)
      expect((await client.get(`/api/v1/exports/${id}`)).status).toBe(404)
    }
  })

  test('a background export asked for checked rows holds those rows within the scope, and is audited', async () => {
    const sales2 = await as('sales2')
    const mine = (await sales2.get('/api/v1/organisations?limit=2')).body.data.map((o: { id: string }) => o.id)
    const paris = (await (await as('sales')).get('/api/v1/organisations?limit=1')).body.data[0].id
    const started = await sales2.post('/api/v1/exports', {
      entity: 'organisations',
      format: 'csv',
      ids: [...mine, paris],
    })
    expect(started.status).toBe(202)
    const job = await eventually(
      async () => {
        const res = await sales2.get(`/api/v1/exports/${started.body.id}`)
        return res.body.status === 'done' ? res.body : null
      },
      { timeout: 30_000 },
    )
    expect(job.rowCount).toBe(mine.length)
    const log = await (await as('admin')).get(`/api/v1/audit-log?action=organisations.export_queued&targetId=${job.id}`)
    expect(log.body.data[0]).toMatchObject({ actorEmail: 'sales2@demo.crm' })
    expect(log.body.data[0].details).toMatchObject({ format: 'csv', ids: 3 })
  })

  test('bad requests are refused clearly and nothing is queued', async () => {
    const sales = await as('sales')
    const bad = await sales.post('/api/v1/exports', { entity: 'organisations', format: 'docx' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('format')
    const badFilter = await sales.post('/api/v1/exports', {
      entity: 'tasks',
      format: 'csv',
      filters: { status: 'NOPE' },
    })
    expect(badFilter.status).toBe(400)
    expect((await sales.get('/api/v1/exports/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})
