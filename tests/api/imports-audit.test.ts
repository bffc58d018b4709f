// An import's writes are in the audit log, each entry committed with the write it records (the
// upload's row, the start, the undo request); its reads (progress, templates, dry run) are not.
import { expect, test } from 'vitest'
import { as, unique, type ApiClient } from '../setup/api-client.ts'
import { settled, upload } from './imports.helpers.ts'

const entriesFor = async (admin: ApiClient, importId: string) => {
  const log = await admin.get('/api/v1/audit-log?action=import.&limit=100')
  expect(log.status).toBe(200)
  return (log.body.data as any[]).filter((e) => e.targetId === importId)
}

test('upload, start and undo of an import each write one audit entry naming the file; reads write none', async () => {
  const manager = await as('manager')
  const admin = await as('admin')
  const name = unique('Audit import')
  const csv = `nom;type;ville\n${name};INVESTISSEUR;Lille\n`
  const up = await upload(manager, 'organisations', 'audit.csv', csv)
  expect(up.status).toBe(201)
  const id = up.body.id as string

  const mapping = up.body.mapping
  expect((await manager.post(`/api/v1/imports/${id}/dry-run`, { mapping, mode: 'create' })).status).toBe(200)
  expect((await manager.get(`/api/v1/imports/${id}`)).status).toBe(200)
  expect((await manager.get('/api/v1/imports/templates/organisations.csv')).status).toBe(200)
  expect((await entriesFor(admin, id)).map((e) => e.action)).toEqual(['import.uploaded'])

  expect((await manager.post(`/api/v1/imports/${id}/start`, { mapping, mode: 'create' })).status).toBe(202)
  expect((await settled(manager, id)).status).toBe('completed')
  expect((await manager.post(`/api/v1/imports/${id}/revert`)).status).toBe(202)
  await settled(manager, id, ['reverted'])

  const entries = await entriesFor(admin, id)
  expect(entries.map((e) => e.action).sort()).toEqual(['import.revert_requested', 'import.started', 'import.uploaded'])
  for (const e of entries) {
    expect(e).toMatchObject({ actorEmail: 'manager@demo.crm', targetType: 'import' })
    expect(e.details).toMatchObject({ entity: 'organisations', fileName: 'audit.csv' })
  }
  expect(entries.find((e) => e.action === 'import.uploaded').details.rowCount).toBe(1)
  expect(entries.find((e) => e.action === 'import.started').details.mode).toBe('create')
  const legacy = await admin.get('/api/v1/audit-log?action=organisations.imported&limit=5')
  expect(legacy.body.data).toEqual([])
})
