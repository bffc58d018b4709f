// In the browser: filter the organisations, export Excel from the list, and the downloaded file
// opens (exceljs) with its three sheets and native charts bound to the filtered data.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { collectPageErrors, launchBrowser, newContext, signIn } from '../setup/browser.ts'
import { readWorkbook } from '../api/exports.helpers.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

test('a filtered organisation list exports to an Excel file holding those rows and its charts', async () => {
  const context = await newContext(browser)
  const page = await context.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, 'manager')
  await page.goto('/organisations')
  await page.getByTestId('organisation-list').waitFor()
  await page.getByTestId('organisation-filters').locator('summary').click()
  await page.getByTestId('organisation-filters').locator('select[name="stage"]').selectOption('SIGNE')
  await page.waitForURL(/stage=SIGNE/)
  await page.getByTestId('organisation-list').waitFor()
  // What the manager's filtered list holds, from the API (the screen shows its first 50).
  const listed = (await (await page.request.get('/api/v1/organisations?stage=SIGNE&limit=100')).json()).data
  expect(listed.length).toBeLessThan(100)

  await page.getByTestId('export-menu').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()])
  expect(download.suggestedFilename()).toMatch(/^organisations-\d{4}-\d{2}-\d{2}\.xlsx$/)
  const bytes = new Uint8Array(readFileSync((await download.path())!))
  const { workbook, part } = await readWorkbook(bytes)
  expect(workbook.worksheets.map((w) => w.name)).toEqual(['Données', 'Statistiques', 'Graphiques'])
  const data = workbook.getWorksheet('Données')!
  expect(data.rowCount - 1).toBe(listed.length)
  const stages = new Set<string>()
  data.eachRow((r, n) => n > 1 && stages.add(String(r.getCell(4).value)))
  expect([...stages]).toEqual(['Signé'])
  expect(part('xl/charts/chart1.xml')).toContain('<c:f>Graphiques!$C$2:$C$5</c:f>')
  expect(part('xl/charts/chart2.xml')).toContain('<c:pieChart>')
  expect(workbook.getWorksheet('Graphiques')!.getCell('B5').value).toBe(data.rowCount - 1)
  expect(errors).toEqual([])
  await context.close()
})
