// Imports through the real stack: upload, mapping, dry run, background run, report, undo.
import { describe, expect, test } from 'vitest'
import { as } from '../setup/api-client.ts'
import { download, fixture, readWorkbook, settled, upload } from './imports.helpers.ts'

const orgsByName = async (name: string) => {
  const manager = await as('manager')
  return (await manager.get(`/api/v1/organisations?q=${encodeURIComponent(name)}`)).body.data as any[]
}

describe('importing organisations from a French Excel CSV', () => {
  let importId = ''

  test('the upload detects Windows-1252 and `;`, maps French headers and previews French values as stored', async () => {
    const manager = await as('manager')
    const res = await upload(manager, 'organisations', 'clients.csv', fixture('organisations-excel-fr.csv'))
    expect(res.status).toBe(201)
    importId = res.body.id
    expect(res.body.rowCount).toBe(6)
    expect(res.body.encoding).toBe('windows-1252')
    expect(res.body.headers[2]).toBe('Catégorie')
    expect(res.body.mapping).toEqual([
      'name',
      'type',
      'category',
      'pipelineStage',
      'amount',
      'email',
      'phone',
      'postalCode',
      'city',
      'notes',
    ])
    const first = res.body.preview[0]
    expect(first.line).toBe(2)
    expect(first.values).toMatchObject({
      name: 'Société Générale Épargne',
      type: 'EMETTEUR',
      pipelineStage: 'SIGNE',
      amount: '1234567.50',
      notes: 'Client "historique"\r\nsur deux lignes',
    })
    expect(res.body.preview[1].values).toMatchObject({
      type: 'INVESTISSEUR',
      category: 'ASSURANCE_VIE',
      amount: '250000',
    })
    expect(res.body.preview[2].errors).toEqual([{ column: 'E-mail', message: 'Adresse e-mail invalide.' }])
  })

  test('a dry run counts what would happen over the whole file and writes nothing', async () => {
    const manager = await as('manager')
    const upload0 = await manager.get(`/api/v1/imports/${importId}`)
    const res = await manager.post(`/api/v1/imports/${importId}/dry-run`, {
      mapping: upload0.body.mapping,
      mode: 'upsert',
    })
    expect(res.status).toBe(200)
    expect(res.body.counts).toEqual({ created: 3, updated: 0, skipped: 1, errors: 2 })
    expect(res.body.errors).toEqual([
      { line: 5, column: 'E-mail', message: 'Adresse e-mail invalide.' },
      { line: 6, column: 'Type', message: 'Ce champ est obligatoire.' },
    ])
    expect(await orgsByName('Société Générale Épargne')).toEqual([])
    expect((await manager.get(`/api/v1/imports/${importId}`)).body.status).toBe('uploaded')
  })

  test('the run creates the valid rows in the background, skips the in-file duplicate and lists errors by line', {
    timeout: 90_000,
  }, async () => {
    const manager = await as('manager')
    const { mapping } = (await manager.get(`/api/v1/imports/${importId}`)).body
    const started = await manager.post(`/api/v1/imports/${importId}/start`, { mapping, mode: 'create' })
    expect(started.status).toBe(202)
    expect((await manager.post(`/api/v1/imports/${importId}/start`, { mapping, mode: 'create' })).status).toBe(409)
    const done = await settled(manager, importId)
    expect(done.status).toBe('completed')
    expect(done.progress).toEqual({ done: 6, total: 6 })
    expect(done.counts).toEqual({ created: 3, updated: 0, skipped: 1, errors: 2 })
    expect(done.errors.map((e: any) => e.line)).toEqual([5, 6])
    const [sge] = await orgsByName('Société Générale Épargne')
    expect(sge).toMatchObject({ type: 'EMETTEUR', pipelineStage: 'SIGNE', amount: '1234567.50', city: 'Paris' })
    const me = (await manager.get('/api/v1/auth/me')).body
    expect(sge.ownerId).toBe(me.id)
    expect(await orgsByName('SGE doublon')).toEqual([])
    const history = (await manager.get(`/api/v1/organisations/${sge.id}/history`)).body.data
    expect(history[0]).toMatchObject({
      action: 'imported',
      changes: [{ field: 'importFile', from: null, to: 'clients.csv' }],
    })
  })

  test('the Excel report lists every row with its outcome, red errors with column and reason', async () => {
    const manager = await as('manager')
    const res = await download(manager, `/api/v1/imports/${importId}/report.xlsx`)
    expect(res.status).toBe(200)
    const sheet = (await readWorkbook(res.bytes)).worksheets[0]!
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][]
    expect(rows[0]!.slice(1, 5)).toEqual(['Ligne', 'Statut', 'Raison', 'Raison sociale'])
    const byLine = new Map(rows.slice(1).map((r) => [r[1], r]))
    expect(byLine.get(2)!.slice(2, 5)).toEqual(['Créée', undefined, 'Société Générale Épargne'])
    expect(byLine.get(5)!.slice(2, 4)).toEqual(['Erreur', 'E-mail : Adresse e-mail invalide.'])
    expect(byLine.get(7)!.slice(2, 4)).toEqual(['Ignorée', 'Doublon de la ligne 2 du fichier.'])
    const fill = (line: number) =>
      (sheet.getRow([...byLine.keys()].indexOf(line) + 2).getCell(2).fill as any)?.fgColor?.argb
    expect(fill(5)).toBe('FFFFC7CE')
    expect(fill(2)).toBe('FFC6EFCE')
  })
})
