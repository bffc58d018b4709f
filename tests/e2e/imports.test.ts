// The import screen in a real browser: drop a file, change one column's field, preview, start,
// watch the progress reach 100 %, download the report, undo.
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { as, unique } from '../setup/api-client.ts'
import { collectPageErrors, launchBrowser, newContext, signIn } from '../setup/browser.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

test('a manager drops a CSV, maps a column, previews, imports with live progress, downloads the report and undoes it', {
  timeout: 180_000,
}, async () => {
  const context = await newContext(browser)
  const page = await context.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, 'manager')
  await page.getByRole('link', { name: 'Import', exact: true }).first().click()
  await page.waitForURL('**/imports')
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')

  const tag = unique('Navigateur').replace(/\s/g, '')
  const lines = Array.from({ length: 30 }, (_, i) => `${tag} ${i};INVESTISSEUR;Paris;remarque ${i}`)
  const csv = `Raison sociale;Type;Ville;Divers\n${lines.join('\n')}\n${tag} erreur;;Paris;\n`
  // The URL changes before the page's data arrives: wait for the drop zone itself.
  await page.getByTestId('import-drop').waitFor()
  // A real drop: a DataTransfer carrying the file, dispatched on the drop zone.
  await page.evaluate(
    ({ text }) => {
      const dt = new DataTransfer()
      dt.items.add(new File([text], 'navigateur.csv', { type: 'text/csv' }))
      document
        .querySelector('[data-testid="import-drop"]')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }))
    },
    { text: csv },
  )
  await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/)
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
  const divers = page.getByLabel('Divers')
  await expect.poll(() => divers.inputValue()).toBe('')
  await divers.selectOption('notes')

  await page.getByRole('button', { name: 'Prévisualiser (essai à blanc)' }).click()
  await expect.poll(() => page.getByTestId('import-dry-run').textContent()).toContain('30 à créer')
  await expect.poll(() => page.getByTestId('import-dry-run').textContent()).toContain('remarque 0')

  await page.getByRole('button', { name: 'Lancer l’import' }).click()
  const result = page.getByTestId('import-result')
  await result.waitFor({ timeout: 60_000 })
  expect(await page.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe('100')
  expect(await result.textContent()).toContain('créées : 30')
  expect(await page.getByTestId('import-errors').textContent()).toContain('Ligne 32')

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByText('Télécharger le rapport Excel').click(),
  ])
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync((await download.path())!).buffer as ArrayBuffer)
  const statuses = wb.worksheets[0]!.getColumn(2).values.slice(2)
  expect(statuses.filter((s) => s === 'Créée')).toHaveLength(30)
  expect(statuses.at(-1)).toBe('Erreur')

  page.once('dialog', (d) => d.accept())
  await page.getByRole('button', { name: 'Annuler cet import' }).click()
  await page.getByTestId('import-reverted').waitFor({ timeout: 60_000 })
  expect(await page.getByTestId('import-reverted').textContent()).toContain('30 fiche(s) mise(s) à la corbeille')
  const left = await (await as('manager')).get(`/api/v1/organisations?q=${encodeURIComponent(tag)}`)
  expect(left.body.data).toEqual([])
  expect(errors).toEqual([])
  await context.close()
})

test('a workbook with two visible sheets asks which one to read, and the preview shows a refused value on its ' +
  'cell with the reason', {
  timeout: 180_000,
}, async () => {
  const context = await newContext(browser)
  const page = await context.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, 'manager')
  await page.goto(`${new URL(page.url()).origin}/imports`)
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
  await page.getByTestId('import-drop').waitFor()

  const tag = unique('Feuilles').replace(/\s/g, '')
  const wb = new ExcelJS.Workbook()
  wb.addWorksheet('Clients').addRows([
    ['Raison sociale', 'Type', 'Ville'],
    [`${tag} client`, 'INVESTISSEUR', 'Paris'],
  ])
  wb.addWorksheet('Prospects').addRows([
    ['Raison sociale', 'Type', 'Ville'],
    [`${tag} prospect`, 'EMETTEUR', 'Lyon'],
    [`${tag} douteux`, 'PASUNTYPE', 'Lyon'],
  ])
  const bytes = [...new Uint8Array(await wb.xlsx.writeBuffer())]
  await page.evaluate(
    ({ data }) => {
      const dt = new DataTransfer()
      dt.items.add(new File([new Uint8Array(data)], 'feuilles.xlsx'))
      document
        .querySelector('[data-testid="import-drop"]')!
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }))
    },
    { data: bytes },
  )
  const picker = page.getByLabel('Feuille à importer')
  await expect.poll(() => picker.inputValue()).toBe('Clients')
  await picker.selectOption('Prospects')
  await page.getByRole('button', { name: 'Continuer avec cette feuille' }).click()
  await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/)
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')

  await page.getByRole('button', { name: 'Prévisualiser (essai à blanc)' }).click()
  const dry = page.getByTestId('import-dry-run')
  await expect.poll(() => dry.textContent()).toContain('1 à créer')
  expect(await dry.textContent()).toContain(`${tag} prospect`)
  expect(await dry.textContent()).not.toContain(`${tag} client`)
  const problem = dry.locator('td[data-problem="true"]')
  expect(await problem.count()).toBe(1)
  expect(await problem.textContent()).toBe('PASUNTYPEType invalide.')
  expect(errors).toEqual([])
  await context.close()
})
