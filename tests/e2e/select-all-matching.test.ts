// "Tout sélectionner" past the 50 loaded rows: the pipeline table and the organisations list offer
// "Sélectionner les N correspondantes", show the count, confirm, and the server applies the action
// to every matching organisation in the user's scope (and to none outside it); past the cap of
// 500 (docs/decisions/011) the list says so and the actions stay disabled.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newContext, signIn } from '../setup/browser.ts'
import { as, unique } from '../setup/api-client.ts'
import { settled, upload } from '../api/imports.helpers.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const MINE = 53
const hydrated = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
const toast = (page: Page, text: string) => page.getByTestId('toast').filter({ hasText: text }).first().waitFor()

// More organisations of sales than one page holds, and two of sales2 (team Lyon) with the same tag.
async function seed(tag: string) {
  const sales = await as('sales')
  for (let i = 0; i < MINE; i += 10)
    await Promise.all(
      Array.from({ length: Math.min(10, MINE - i) }, (_, j) =>
        sales.post('/api/v1/organisations', { name: `${tag} ${String(i + j).padStart(2, '0')}`, type: 'EMETTEUR' }),
      ),
    )
  const sales2 = await as('sales2')
  const theirs = []
  for (const n of ['Lyon 1', 'Lyon 2'])
    theirs.push((await sales2.post('/api/v1/organisations', { name: `${tag} ${n}`, type: 'EMETTEUR' })).body.id)
  return theirs as string[]
}

async function selectAllMatching(page: Page, checkbox: ReturnType<Page['getByTestId']>) {
  await checkbox.check()
  const offer = page.getByTestId('select-all-matching')
  await offer.getByText('Les 50 organisations affichées sont sélectionnées.').waitFor()
  await offer.getByRole('button', { name: `Sélectionner les ${MINE} correspondantes` }).click()
  await offer.getByText(`Les ${MINE} organisations qui correspondent aux filtres sont sélectionnées.`).waitFor()
  await page.getByTestId('bulk-bar').getByText(`${MINE} correspondantes sélectionnées`).waitFor()
}

describe('select all matching', () => {
  test('the pipeline table changes the stage of every matching organisation after confirming the count, ' +
    'and the organisations list their category', {
    timeout: 180_000,
  }, async () => {
    const tag = unique('Tous')
    const theirs = await seed(tag)
    const context = await newContext(browser)
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    const errors = collectPageErrors(page)
    await signIn(page, 'sales')

    await page.goto(`/pipeline?q=${encodeURIComponent(tag)}`)
    await hydrated(page)
    const table = page.getByTestId('pipeline-table')
    await expect.poll(() => table.locator('tbody tr').count()).toBe(50)
    await selectAllMatching(page, table.getByRole('checkbox', { name: 'Tout sélectionner' }))
    await page.getByTestId('bulk-actions').click()
    await page.getByTestId('bulk-stage').click()
    const dialog = page.getByTestId('bulk-dialog')
    await dialog.getByText(`S’applique aux ${MINE} organisations qui correspondent aux filtres`).waitFor()
    await dialog.getByLabel(/Étape du pipeline/).selectOption('QUALIFICATION')
    await dialog.getByRole('button', { name: `Appliquer à ${MINE}` }).click()
    await toast(page, `${MINE} organisation(s) mise(s) à jour.`)

    const sales = await as('sales')
    const q = encodeURIComponent(tag)
    expect((await sales.get(`/api/v1/organisations/count?q=${q}&stage=QUALIFICATION`)).body.count).toBe(MINE)
    const admin = await as('admin')
    for (const id of theirs)
      expect((await admin.get(`/api/v1/organisations/${id}`)).body.pipelineStage).toBe('PROSPECT')

    // The organisations list offers the same; unchecking a row drops "all matching".
    await page.goto(`/organisations?q=${q}`)
    await hydrated(page)
    await expect.poll(() => page.getByTestId('organisation-row').count()).toBe(50)
    await selectAllMatching(page, page.getByTestId('select-all'))
    await page.getByTestId('bulk-actions').click()
    await page.getByTestId('bulk-category').click()
    await page
      .getByTestId('bulk-dialog')
      .getByLabel(/Catégorie/)
      .selectOption('ETF')
    await page.getByTestId('bulk-apply').click()
    await toast(page, `${MINE} organisation(s) mise(s) à jour.`)
    expect((await sales.get(`/api/v1/organisations/count?q=${q}&category=ETF`)).body.count).toBe(MINE)
    for (const id of theirs) expect((await admin.get(`/api/v1/organisations/${id}`)).body.category).toBeNull()
    expect(errors).toEqual([])
    await context.close()
  })

  // 501 organisations through one CSV import (set-based, a few seconds) rather than 501 POSTs; the
  // import is reverted at the end so the shared database keeps its size for the other files.
  test('past 500 matching organisations the list says a bulk action takes 500 at most, ' +
    'keeps the actions disabled, and changes nothing', {
    timeout: 180_000,
  }, async () => {
    const OVER = 501
    const tag = unique('Trop')
    const manager = await as('manager')
    const rows = Array.from({ length: OVER }, (_, i) => `${tag} ${String(i).padStart(3, '0')};EMETTEUR`)
    const up = await upload(manager, 'organisations', 'trop.csv', `nom;type\n${rows.join('\n')}\n`)
    expect(up.status).toBe(201)
    const started = await manager.post(`/api/v1/imports/${up.body.id}/start`, {
      mapping: up.body.mapping,
      mode: 'create',
    })
    expect(started.status).toBe(202)
    expect((await settled(manager, up.body.id)).status).toBe('completed')
    const q = encodeURIComponent(tag)
    try {
      const context = await newContext(browser)
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      const errors = collectPageErrors(page)
      await signIn(page, 'manager')
      await page.goto(`/organisations?q=${q}`)
      await hydrated(page)
      await expect.poll(() => page.getByTestId('organisation-row').count()).toBe(50)
      await page.getByTestId('select-all').check()
      const offer = page.getByTestId('select-all-matching')
      await offer.getByRole('button', { name: `Sélectionner les ${OVER} correspondantes` }).click()
      await offer.getByText(`Les ${OVER} organisations qui correspondent aux filtres sont sélectionnées.`).waitFor()
      await expect
        .poll(() => offer.getByTestId('bulk-too-many').textContent())
        .toBe(
          'Une action groupée en traite 500 au plus : affinez les filtres pour agir sur elles ' +
            '(l’export les prend toutes).',
        )
      expect(await page.getByTestId('bulk-actions').isDisabled()).toBe(true)
      expect(errors).toEqual([])
      await context.close()

      // Nothing changed, and the API refuses the same action for the same filter.
      const refused = await manager.post('/api/v1/organisations/bulk', {
        filter: { q: tag },
        action: 'stage',
        value: 'QUALIFICATION',
      })
      expect(refused.status).toBe(422)
      expect(refused.body).toMatchObject({
        type: expect.stringMatching(/\/problems\/bulk-too-many$/),
        matched: OVER,
        max: 500,
      })
      expect((await manager.get(`/api/v1/organisations/count?q=${q}&stage=PROSPECT`)).body.count).toBe(OVER)
    } finally {
      expect((await manager.post(`/api/v1/imports/${up.body.id}/revert`)).status).toBe(202)
      await settled(manager, up.body.id, ['reverted'])
    }
  })
})
