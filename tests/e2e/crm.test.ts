// The interface of the records and the pipeline, in a real browser, desktop and phone.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newContext, signIn, warmUp } from '../setup/browser.ts'
import { as, unique } from '../setup/api-client.ts'

// Browser flows are long, and a route's first visit compiles it on demand (Vite dev server).
const BROWSER_TIMEOUT = 90_000

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
  await warmUp(browser)
})
afterAll(async () => {
  await browser?.close()
})

// Every browser context gets its own client address: in tests the API's per-user limit is keyed
// on it, so the direct API calls of one test never count against another's.
async function open(options: Parameters<typeof newContext>[1] = {}) {
  const context = await newContext(browser, options)
  const n = () => Math.floor(Math.random() * 250) + 1
  await context.setExtraHTTPHeaders({ 'cf-connecting-ip': `10.${n()}.${n()}.${n()}` })
  return context
}

const toast = (page: Page, text: string | RegExp) =>
  page.getByTestId('toast').filter({ hasText: text }).first().waitFor()

async function createOrganisation(page: Page, name: string) {
  await page.goto('/organisations/new')
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
  await page.getByLabel('Nom *', { exact: true }).fill(name)
  await page.getByLabel('Type *').selectOption('INVESTISSEUR')
  await page.getByLabel('Montant (€)').fill('250000')
  await page.getByRole('button', { name: 'Créer' }).click()
  await page.waitForURL(/\/organisations\/[0-9a-f-]{36}(\?.*)?$/)
  await expect(page.getByTestId('organisation-name').textContent()).resolves.toBe(name)
  return new URL(page.url()).pathname.split('/').pop()!
}

async function addContact(page: Page, lastName: string) {
  await page
    .getByRole('navigation', { name: 'Sections de l’organisation' })
    .getByRole('link', { name: 'Contacts' })
    .click()
  await page.getByTestId('add-contact').click()
  const dialog = page.getByTestId('contact-dialog')
  await dialog.getByLabel('Prénom *').fill('Claire')
  await dialog.getByLabel('Nom *', { exact: true }).fill(lastName)
  await dialog
    .getByLabel('E-mail', { exact: true })
    .fill(`claire.${lastName.toLowerCase().replace(/[^a-z0-9]/g, '')}@exemple.fr`)
  await dialog.getByLabel('Poste').fill('Directrice financière')
  await dialog.getByTestId('dialog-submit').click()
  await toast(page, 'Contact ajouté.')
  await dialog.waitFor({ state: 'detached' })
  await page.getByTestId('contact-list').getByText(`Claire ${lastName}`).waitFor()
}

async function logInteraction(page: Page, subject: string) {
  await page.getByTestId('log-interaction').click()
  const dialog = page.getByTestId('interaction-dialog')
  await dialog.getByText('Appel', { exact: true }).click()
  await dialog.getByLabel('Objet *').fill(subject)
  await dialog.getByLabel('Compte rendu').fill('Intéressé par la gamme SCPI.')
  await dialog.getByTestId('dialog-submit').click()
  await toast(page, 'Interaction enregistrée.')
  await page
    .getByRole('navigation', { name: 'Sections de l’organisation' })
    .getByRole('link', { name: 'Interactions' })
    .click()
  await page.getByTestId('interaction-timeline').getByText(subject).waitFor()
}

async function expectQuestionnaireTask(page: Page, orgId: string) {
  await page.goto(`/organisations/${orgId}/tasks`)
  await page.getByTestId('task-list').getByText('Envoyer le questionnaire').waitFor()
}

test(
  'an organisation is created, gets a contact and an interaction, and moves to QUALIFICATION by drag and drop',
  async () => {
    const context = await open()
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await signIn(page, 'admin')
    const name = unique('Kanban Desktop')
    const id = await createOrganisation(page, name)
    await addContact(page, 'Martin')
    await logInteraction(page, 'Premier appel de découverte')

    await page.goto(`/pipeline/kanban?q=${encodeURIComponent(name)}`)
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    const card = page.getByTestId('kanban-column-PROSPECT').getByTestId('kanban-card').filter({ hasText: name })
    await card.waitFor()
    await card.dragTo(page.getByTestId('kanban-column-QUALIFICATION'))
    await page.getByTestId('kanban-column-QUALIFICATION').getByTestId('kanban-card').filter({ hasText: name }).waitFor()
    await toast(page, `${name} → Qualification`)
    // The column shows its count and total.
    await expect(
      page.getByTestId('kanban-column-QUALIFICATION').getByTestId('column-count').textContent(),
    ).resolves.toMatch(/1/)
    await expect(
      page.getByTestId('kanban-column-QUALIFICATION').getByTestId('column-total').textContent(),
    ).resolves.toMatch(/250\s?k\s?€/)

    // The automation created the task of guide 3.
    await expectQuestionnaireTask(page, id)
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'a kanban card moves with the keyboard, and a move the server refuses rolls back with a message',
  async () => {
    const context = await open()
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await signIn(page, 'manager')
    const manager = await as('manager')
    const name = unique('Kanban Clavier')
    const created = await manager.post('/api/v1/organisations', { name, type: 'DISTRIBUTEUR', amount: '120000' })
    expect(created.status).toBe(201)

    await page.goto(`/pipeline/kanban?q=${encodeURIComponent(name)}`)
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    const grip = page.getByTestId('kanban-column-PROSPECT').getByTestId('kanban-grip')
    await grip.focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Space')
    await page.getByTestId('kanban-column-PROPOSITION').getByTestId('kanban-card').filter({ hasText: name }).waitFor()
    await toast(page, `${name} → Proposition`)

    // The server refuses the next move: the card goes back and the user is told why.
    await page.route('**/api/v1/organisations/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.fulfill({
            status: 403,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              type: 'about:blank',
              title: 'Forbidden',
              status: 403,
              detail: 'Vous n’avez pas le droit de faire cela.',
            }),
          })
        : route.fallback(),
    )
    const card = page.getByTestId('kanban-column-PROPOSITION').getByTestId('kanban-card').filter({ hasText: name })
    await card.dragTo(page.getByTestId('kanban-column-SIGNE'))
    await toast(page, /refusé/)
    await page.getByTestId('kanban-column-PROPOSITION').getByTestId('kanban-card').filter({ hasText: name }).waitFor()
    expect(
      await page.getByTestId('kanban-column-SIGNE').getByTestId('kanban-card').filter({ hasText: name }).count(),
    ).toBe(0)
    expect(errors.filter((e) => !/403/.test(e))).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'on a 390×844 phone the same flow works with the "Déplacer vers" menu',
  async () => {
    const context = await open({ mobile: true })
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await signIn(page, 'sales')
    await page.getByTestId('bottom-nav').waitFor()
    const name = unique('Kanban Mobile')
    const id = await createOrganisation(page, name)
    await addContact(page, 'Dubois')
    await logInteraction(page, 'Rendez-vous au salon Patrimonia')

    await page.getByTestId('bottom-nav').getByRole('link', { name: 'Pipeline' }).click()
    await page.waitForURL(/\/pipeline\/kanban/)
    await page.goto(`/pipeline/kanban?q=${encodeURIComponent(name)}`)
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    const card = page.getByTestId('kanban-column-PROSPECT').getByTestId('kanban-card').filter({ hasText: name })
    await card.getByTestId('move-menu').click()
    await page.getByTestId('move-to-QUALIFICATION').click()
    await page.getByTestId('kanban-column-QUALIFICATION').getByTestId('kanban-card').filter({ hasText: name }).waitFor()
    await toast(page, `${name} → Qualification`)
    await expectQuestionnaireTask(page, id)

    // Nothing overflows the phone's width.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'a selection of organisations changes stage in one bulk action after confirmation',
  async () => {
    const context = await open()
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await signIn(page, 'manager2')
    const manager2 = await as('manager2')
    const tag = unique('Lot')
    for (const n of ['A', 'B'])
      expect((await manager2.post('/api/v1/organisations', { name: `${tag} ${n}`, type: 'EMETTEUR' })).status).toBe(201)

    await page.goto(`/organisations?q=${encodeURIComponent(tag)}`)
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    await page.getByTestId('organisation-row').first().waitFor()
    await page.getByTestId('select-all').check()
    await page.getByTestId('bulk-bar').getByText('2 sélectionnée(s)').waitFor()
    await page.getByTestId('bulk-actions').click()
    await page.getByTestId('bulk-stage').click()
    await page
      .getByTestId('bulk-dialog')
      .getByLabel(/Étape du pipeline/)
      .selectOption('PROPOSITION')
    await page.getByTestId('bulk-apply').click()
    await toast(page, '2 organisation(s) mise(s) à jour.')
    await expect
      .poll(async () =>
        page.getByTestId('organisation-list').getByTestId('stage-menu').filter({ hasText: 'Proposition' }).count(),
      )
      .toBe(2)
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'dark mode follows the system, survives a reload once chosen, and never flashes the wrong theme',
  async () => {
    // Records the theme when <body> starts, i.e. before any script but the inline theme script ran.
    const probe = () => {
      const w = window as unknown as { __themeAtBody?: boolean; __themeAtDcl?: boolean }
      new MutationObserver((_, obs) => {
        if (document.body) {
          w.__themeAtBody = document.documentElement.classList.contains('dark')
          obs.disconnect()
        }
      }).observe(document, { childList: true, subtree: true })
      document.addEventListener('DOMContentLoaded', () => {
        w.__themeAtDcl = document.documentElement.classList.contains('dark')
      })
    }
    const atLoad = (page: Page) =>
      page.evaluate(() => {
        const w = window as unknown as { __themeAtBody?: boolean; __themeAtDcl?: boolean }
        return { body: w.__themeAtBody, dcl: w.__themeAtDcl, now: document.documentElement.classList.contains('dark') }
      })

    const system = await open({ colorScheme: 'dark' })
    await system.addInitScript(probe)
    const sysPage = await system.newPage()
    await signIn(sysPage, 'sales2')
    await sysPage.reload()
    await sysPage.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    expect(await atLoad(sysPage)).toEqual({ body: true, dcl: true, now: true })
    await system.close()

    const context = await open({ colorScheme: 'light' })
    await context.addInitScript(probe)
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await signIn(page, 'viewer')
    expect(await atLoad(page)).toMatchObject({ body: false, now: false })
    await page.getByTestId('theme-toggle').click()
    expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true)
    await page.goto('/organisations')
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    expect(await atLoad(page)).toEqual({ body: true, dcl: true, now: true })
    await page.reload()
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    expect(await atLoad(page)).toEqual({ body: true, dcl: true, now: true })
    // The page is really painted dark (body background from the dark palette).
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(bg).not.toBe('rgb(248, 250, 252)')
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)
