// Imports through the real stack: upload, mapping, dry run, background run, report, undo.
import { describe, expect, test } from 'vitest'
import { as, eventually } from '../setup/api-client.ts'
import { download, fixture, readWorkbook, settled, upload } from './imports.helpers.ts'

const orgsByName = async (name: string) => {
  const manager = await as('manager')
  return (await manager.get(`/api/v1/organisations?q=${encodeURIComponent(name)}`)).body.data as any[]
}

describe('importing organisations from a French Excel CSV', () => {
  let importId = ''

  test(
    'the upload detects Windows-1252 and `;`, maps French headers ' + 'and previews French values as stored',
    async () => {
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
    },
  )

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
    // One "Import terminé" notification for the importer, not one per row.
    const notes = await eventually(async () => {
      const list = (await manager.get('/api/v1/notifications')).body.data as any[]
      const mine = list.filter((n) => n.link === `/imports/${importId}`)
      return mine.length ? mine : null
    })
    expect(notes).toEqual([expect.objectContaining({ type: 'import.completed', title: 'Import terminé' })])
    expect(notes[0].message).toContain('clients.csv : 3 créé(s)')
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

const run = async (
  user: 'manager' | 'admin' | 'manager2',
  entity: string,
  name: string,
  bytes: Uint8Array | string,
  mode: string,
) => {
  const client = await as(user)
  const up = await upload(client, entity, name, bytes)
  expect(up.status).toBe(201)
  const started = await client.post(`/api/v1/imports/${up.body.id}/start`, { mapping: up.body.mapping, mode })
  expect(started.status).toBe(202)
  return { upload: up.body, done: await settled(client, up.body.id) }
}

describe('modes, matching and undo', () => {
  test('update mode changes matched records only, found by e-mail domain ' +
    'or by name and city, and remembers the mapping', {
    timeout: 90_000,
  }, async () => {
    await run(
      'manager',
      'organisations',
      'base.csv',
      'nom;type;email;ville;montant\n' +
        'Modes Alpha;INVESTISSEUR;a@alpha-modes.fr;Paris;10\n' +
        'Modes Beta;DISTRIBUTEUR;;Lyon;20\n',
      'create',
    )
    const csv =
      'Nom;Type;E-mail;Ville;Montant\n' +
      'Autre nom Alpha;INVESTISSEUR;z@alpha-modes.fr;Paris;11\n' +
      'modes BÉTA;DISTRIBUTEUR;;lyon;21\n' +
      'Modes Gamma;EMETTEUR;;Paris;30\n'
    const { upload: up, done } = await run('manager', 'organisations', 'maj.csv', csv, 'update')
    expect(done.counts).toEqual({ created: 0, updated: 2, skipped: 1, errors: 0 })
    // Matched by domain: the name is updated too.
    expect(await orgsByName('Modes Alpha')).toEqual([])
    expect((await orgsByName('Autre nom Alpha'))[0]).toMatchObject({ amount: '11.00' })
    // Matched by name and city, accents and case aside.
    expect((await orgsByName('modes BÉTA'))[0]).toMatchObject({ amount: '21.00', city: 'lyon' })
    expect(await orgsByName('Modes Gamma')).toEqual([])
    // Same headers again: the mapping chosen last time comes back.
    const again = await upload(await as('manager'), 'organisations', 'maj2.csv', csv)
    expect(again.body.mappingRemembered).toBe(true)
    expect(up.mapping).toEqual(['name', 'type', 'email', 'city', 'amount'])
  })

  test('upsert creates what does not match and updates what does; undo bins the created, ' +
    'restores the updated and leaves alone a record changed since', {
    timeout: 90_000,
  }, async () => {
    const manager = await as('manager')
    await run(
      'manager',
      'organisations',
      'u0.csv',
      'nom;type;ville;notes\nUndo Un;INVESTISSEUR;Paris;avant\nUndo Deux;INVESTISSEUR;Paris;avant\n',
      'create',
    )
    const { upload: up, done } = await run(
      'manager',
      'organisations',
      'u1.csv',
      'nom;type;ville;notes\n' +
        'Undo Un;INVESTISSEUR;Paris;après\n' +
        'Undo Deux;INVESTISSEUR;Paris;après\n' +
        'Undo Trois;EMETTEUR;Paris;\n' +
        'Undo Quatre;EMETTEUR;Paris;\n',
      'upsert',
    )
    expect(done.counts).toEqual({ created: 2, updated: 2, skipped: 0, errors: 0 })
    const [deux] = await orgsByName('Undo Deux')
    const [quatre] = await orgsByName('Undo Quatre')
    // Someone edits two records after the import: they must survive the undo.
    expect((await manager.patch(`/api/v1/organisations/${deux.id}`, { notes: 'retouché' })).status).toBe(200)
    expect((await manager.patch(`/api/v1/organisations/${quatre.id}`, { city: 'Lille' })).status).toBe(200)
    expect((await manager.post(`/api/v1/imports/${up.id}/revert`)).status).toBe(202)
    const reverted = await settled(manager, up.id, ['reverted'])
    expect(reverted.revert).toMatchObject({ binned: 1, restored: 1 })
    expect(reverted.revert.leftAlone.map((l: any) => l.recordId).sort()).toEqual([deux.id, quatre.id].sort())
    expect((await orgsByName('Undo Un'))[0].notes).toBe('avant')
    expect((await orgsByName('Undo Deux'))[0].notes).toBe('retouché')
    expect(await orgsByName('Undo Trois')).toEqual([])
    expect((await orgsByName('Undo Quatre'))[0].city).toBe('Lille')
    expect((await manager.post(`/api/v1/imports/${up.id}/revert`)).status).toBe(409)
  })

  test('people link to their organisation by name; an unknown one is "Organisation non trouvée"; ' +
    'e-mails match case-insensitively', {
    timeout: 90_000,
  }, async () => {
    const { done } = await run('manager', 'people', 'personnes.csv', fixture('people-utf8-bom.csv'), 'upsert')
    expect(done.counts).toEqual({ created: 2, updated: 0, skipped: 0, errors: 1 })
    expect(done.errors).toEqual([{ line: 4, column: 'Organisation', message: 'Organisation non trouvée.' }])
    const manager = await as('manager')
    const people = (await manager.get('/api/v1/people?q=Dupont')).body.data
    const jean = people.find((p: any) => p.personalEmail === 'jean.dupont@sge-fixture.fr')
    expect(jean.organisations).toEqual([expect.objectContaining({ organisationName: 'Société Générale Épargne' })])
    const again = await run(
      'manager',
      'people',
      'personnes2.csv',
      'prenom,nom,email\nJean,Dupont,JEAN.DUPONT@SGE-FIXTURE.FR\n',
      'create',
    )
    expect(again.done.counts).toEqual({ created: 0, updated: 0, skipped: 1, errors: 0 })
  })

  test('an import sees only its user’s scope: a Lyon manager’s update does not touch a Paris record', {
    timeout: 90_000,
  }, async () => {
    await run(
      'manager',
      'organisations',
      'paris.csv',
      'nom;type;email\nScope Paris;INVESTISSEUR;x@scope-paris.fr\n',
      'create',
    )
    const { upload: up, done } = await run(
      'manager2',
      'organisations',
      'lyon.csv',
      'nom;type;email;notes\nScope Paris;INVESTISSEUR;y@scope-paris.fr;pirate\n',
      'update',
    )
    expect(done.counts).toEqual({ created: 0, updated: 0, skipped: 1, errors: 0 })
    expect((await orgsByName('Scope Paris'))[0].notes).toBeNull()
    expect((await (await as('manager')).get(`/api/v1/imports/${up.id}`)).status).toBe(404)
    expect((await (await as('admin')).get('/api/v1/imports')).body.data.some((i: any) => i.id === up.id)).toBe(true)
    expect((await (await as('manager')).get('/api/v1/imports')).body.data.some((i: any) => i.id === up.id)).toBe(false)
  })

  test('a viewer and a sales user cannot import; the viewer’s list is empty', async () => {
    for (const user of ['viewer', 'sales'] as const) {
      const res = await upload(await as(user), 'organisations', 'x.csv', 'nom;type\nRefus;INVESTISSEUR\n')
      expect(res.status).toBe(403)
    }
    expect((await (await as('viewer')).get('/api/v1/imports')).body.data).toEqual([])
  })
})
