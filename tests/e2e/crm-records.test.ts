// Record screens in a real browser: duplicate and Ctrl+S, dialogs and the keyboard, the mandate
// lifecycle, one-click tasks, editing interactions and tasks, the bin, and what a viewer does not see.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newContext, signIn, warmUp } from '../setup/browser.ts'
import { as, baseURL, unique, type DemoUser } from '../setup/api-client.ts'
import { formatDateTime, fromDateTimeInput, toDateTimeInput } from '../../app/lib/format.ts'

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

// Each context its own client address: the API's per-user rate limit is keyed on it in tests.
async function session(user: DemoUser, options: Parameters<typeof newContext>[1] = {}) {
  const context = await newContext(browser, options)
  const n = () => Math.floor(Math.random() * 250) + 1
  await context.setExtraHTTPHeaders({ 'cf-connecting-ip': `10.${n()}.${n()}.${n()}` })
  const page = await context.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, user)
  return { context, page, errors }
}

const hydrated = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
const toast = (page: Page, text: string | RegExp) =>
  page.getByTestId('toast').filter({ hasText: text }).first().waitFor()

async function organisation(user: DemoUser, name: string, extra: Record<string, unknown> = {}) {
  const res = await (await as(user)).post('/api/v1/organisations', {
    name,
    type: 'INVESTISSEUR',
    city: 'Lyon',
    ...extra,
  })
  expect(res.status).toBe(201)
  return res.body.id as string
}

test(
  '"Dupliquer" in the ⋮ menu opens the copy for editing, and Ctrl+S saves it',
  async () => {
    const { context, page, errors } = await session('manager')
    const name = unique('Filiale')
    const id = await organisation('manager', name)
    await page.goto(`/organisations/${id}`)
    await hydrated(page)
    await page.getByTestId('more-actions').click()
    await page.getByTestId('duplicate').click()
    await page.waitForURL(
      (url) => /\/organisations\/[0-9a-f-]{36}\/edit/.test(url.pathname) && !url.pathname.includes(id),
    )
    await toast(page, 'Copie créée')
    const nameField = page.getByLabel('Nom *', { exact: true })
    await expect(nameField.inputValue()).resolves.toBe(`${name} (copie)`)
    await expect(page.getByLabel('Ville').inputValue()).resolves.toBe('Lyon')
    await nameField.fill(`${name} Sud`)
    await page.keyboard.press('Control+s')
    await page.waitForURL((url) => /\/organisations\/[0-9a-f-]{36}$/.test(url.pathname))
    await expect(page.getByTestId('organisation-name').textContent()).resolves.toBe(`${name} Sud`)
    await toast(page, 'Organisation enregistrée.')
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'a refused amount shows its French message next to the field, with and without JavaScript',
  async () => {
    const id = await organisation('manager', unique('Validation'))
    const errorOf = async (page: Page) => {
      const amount = page.getByLabel('Montant (€)')
      await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true')
      const ids = (await amount.getAttribute('aria-describedby'))!.split(' ')
      return page.locator(`[id="${ids.find((x) => x.endsWith('-error'))}"]`).textContent()
    }
    // With JavaScript: the form checks itself with the API's schema before sending.
    const { context, page, errors } = await session('manager')
    await page.goto(`/organisations/${id}/edit`)
    await hydrated(page)
    await page.getByLabel('Montant (€)').fill('12,345')
    await page.getByTestId('submit').click()
    await expect(errorOf(page)).resolves.toMatch(/Montant invalide/)
    expect(errors).toEqual([])
    await context.close()

    // Without: the API refuses it and the page comes back with the message in place.
    const noJs = await browser.newContext({ baseURL: baseURL(), javaScriptEnabled: false, locale: 'fr-FR' })
    const n = () => Math.floor(Math.random() * 250) + 1
    await noJs.setExtraHTTPHeaders({ 'cf-connecting-ip': `10.${n()}.${n()}.${n()}` })
    const plain = await noJs.newPage()
    await plain.goto('/login')
    await plain.getByLabel('E-mail').fill('manager@demo.crm')
    await plain.getByLabel('Mot de passe').fill('Demo-Password-2026')
    await plain.getByRole('button', { name: 'Se connecter' }).click()
    await plain.waitForURL((url) => !url.pathname.startsWith('/login'))
    await plain.goto(`/organisations/${id}/edit`)
    await plain.getByLabel('Montant (€)').fill('12,345')
    await plain.getByTestId('submit').click()
    await plain.waitForLoadState('load')
    await expect(errorOf(plain)).resolves.toMatch(/Montant invalide/)
    await noJs.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'dialogs keep the focus inside, close with Esc and give the focus back',
  async () => {
    const { context, page, errors } = await session('sales')
    const id = await organisation('sales', unique('Focus'))
    await page.goto(`/organisations/${id}`)
    await hydrated(page)
    const opener = page.getByTestId('log-interaction')
    await opener.click()
    const dialog = page.getByTestId('interaction-dialog')
    await dialog.waitFor()
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="interaction-dialog"]'))).toBe(
        true,
      )
    }
    await page.keyboard.press('Shift+Tab')
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="interaction-dialog"]'))).toBe(
      true,
    )
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'a mandate is created from its organisation and signed with "Signer"',
  async () => {
    const { context, page, errors } = await session('manager')
    const id = await organisation('manager', unique('Mandant'))
    await page.goto(`/organisations/${id}/mandates`)
    await hydrated(page)
    await page.getByRole('link', { name: '+ Nouveau mandat' }).click()
    await page.getByTestId('mandate-form').waitFor()
    await hydrated(page)
    await page.getByTestId('mandate-form').locator('input[name="productIds"]').first().check()
    await page.getByLabel('Montant (€)').fill('500000')
    await page.getByLabel('Statut').selectOption('EN_NEGOCIATION')
    await page.getByRole('button', { name: 'Créer' }).click()
    await page.waitForURL(/\/mandates\/[0-9a-f-]{36}/)
    await expect(page.getByTestId('mandate-number').textContent()).resolves.toMatch(/^M-\d{4}-\d{3}$/)
    await page.getByTestId('mandate-to-SIGNE').click()
    await page.getByTestId('confirm-button').click()
    await toast(page, 'Mandat signé.')
    await expect.poll(() => page.getByTestId('mandate-status').first().textContent()).toBe('Signé')
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  '"Mes tâches" lists overdue tasks first and completes one with a click',
  async () => {
    const { context, page, errors } = await session('sales2')
    const api = await as('sales2')
    const late = unique('Relancer')
    const soon = unique('Préparer')
    expect(
      (await api.post('/api/v1/tasks', { title: soon, dueAt: new Date(Date.now() + 2 * 86400_000).toISOString() }))
        .status,
    ).toBe(201)
    expect(
      (await api.post('/api/v1/tasks', { title: late, dueAt: new Date(Date.now() - 2 * 86400_000).toISOString() }))
        .status,
    ).toBe(201)
    await page.goto('/tasks')
    await hydrated(page)
    const overdue = page.getByTestId('task-group-overdue')
    await overdue.getByText(late).waitFor()
    const groups = await page
      .locator('[data-testid^="task-group-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    expect(groups[0]).toBe('task-group-overdue')
    const row = page.getByTestId('task-row').filter({ hasText: late })
    await row.getByTestId('task-toggle').click()
    await expect.poll(() => row.getByTestId('task-toggle').getAttribute('aria-checked')).toBe('true')
    await toast(page, `Tâche terminée : ${late}`)
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'an interaction is edited from its ⋮ menu, then deleted once confirmed',
  async () => {
    const { context, page, errors } = await session('sales')
    const api = await as('sales')
    const id = await organisation('sales', unique('Chronologie'))
    const lastName = unique('Durand')
    const person = await api.post('/api/v1/people', {
      firstName: 'Iris',
      lastName,
      organisations: [{ organisationId: id }],
    })
    expect(person.status).toBe(201)
    const subject = unique('Appel de suivi')
    const logged = await api.post('/api/v1/interactions', {
      type: 'CALL',
      organisationId: id,
      subject,
      summary: 'Intéressée par la SCPI.',
      personIds: [person.body.id],
    })
    expect(logged.status).toBe(201)
    await page.goto(`/organisations/${id}/interactions`)
    await hydrated(page)
    const entry = (text: string) => page.getByTestId('interaction-entry').filter({ hasText: text })
    await entry(subject).getByTestId('interaction-actions').click()
    await page.getByTestId('interaction-edit').click()
    // The dialog opens on the interaction as it is, the people involved ticked.
    const dialog = page.getByTestId('interaction-dialog')
    await expect(dialog.getByLabel('Objet').inputValue()).resolves.toBe(subject)
    await expect(dialog.getByLabel('Compte rendu').inputValue()).resolves.toBe('Intéressée par la SCPI.')
    await expect(dialog.locator('input[name="type"][value="CALL"]').isChecked()).resolves.toBe(true)
    await expect(dialog.locator(`input[name="personIds"][value="${person.body.id}"]`).isChecked()).resolves.toBe(true)
    // A refused value shows next to its field, as when logging one.
    await dialog.getByLabel('Objet').fill('')
    await dialog.getByTestId('dialog-submit').click()
    await expect.poll(() => dialog.getByLabel('Objet').getAttribute('aria-invalid')).toBe('true')
    await dialog.getByText('Ce champ est obligatoire.').waitFor()
    const edited = unique('Rendez-vous de suivi')
    await dialog.getByLabel('Objet').fill(edited)
    await dialog.getByTestId('dialog-submit').click()
    await toast(page, 'Interaction modifiée.')
    await entry(edited).waitFor()
    await page.reload()
    await hydrated(page)
    await expect(entry(edited).textContent()).resolves.toContain(`Iris ${lastName}`)
    expect(await entry(subject).count()).toBe(0)

    await entry(edited).getByTestId('interaction-actions').click()
    await page.getByTestId('interaction-delete').click()
    await page.getByTestId('confirm-dialog').getByText(`« ${edited} »`).waitFor()
    await page.getByTestId('confirm-button').click()
    await toast(page, 'Interaction supprimée.')
    await entry(edited).waitFor({ state: 'detached' })
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'a task gets a new title and due date from "Mes tâches", and is edited again from its organisation',
  async () => {
    const { context, page, errors } = await session('sales')
    const orgId = await organisation('sales', unique('Échéancier'))
    const title = unique('Envoyer la plaquette')
    const created = await (await as('sales')).post('/api/v1/tasks', {
      title,
      organisationId: orgId,
      dueAt: new Date(Date.now() + 2 * 86400_000).toISOString(),
    })
    expect(created.status).toBe(201)
    const row = (text: string) => page.getByTestId('task-row').filter({ hasText: text })
    const dialog = page.getByTestId('task-dialog')
    await page.goto('/tasks')
    await hydrated(page)
    await row(title).getByTestId('task-edit').click()
    await expect(dialog.getByLabel('Titre').inputValue()).resolves.toBe(title)
    // Ten days ahead to the minute, typed as the Paris wall clock the input works in.
    const due = toDateTimeInput(new Date(Date.now() + 10 * 86400_000))
    const retitled = unique('Envoyer le DICI')
    await dialog.getByLabel('Titre').fill(retitled)
    await dialog.getByLabel('Échéance').fill(due)
    await dialog.getByTestId('dialog-submit').click()
    await toast(page, 'Tâche modifiée.')
    await row(retitled).getByText('dans 10 jours').waitFor()
    await expect(row(retitled).locator('span[title]').getAttribute('title')).resolves.toBe(
      formatDateTime(fromDateTimeInput(due)),
    )
    expect(await row(title).count()).toBe(0)

    await page.goto(`/organisations/${orgId}/tasks`)
    await hydrated(page)
    await row(retitled).getByTestId('task-edit').click()
    await expect(dialog.getByLabel('Échéance').inputValue()).resolves.toBe(due)
    const final = unique('Relancer après envoi')
    await dialog.getByLabel('Titre').fill(final)
    await dialog.getByTestId('dialog-submit').click()
    await toast(page, 'Tâche modifiée.')
    await row(final).getByText('dans 10 jours').waitFor()
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'a deleted organisation goes to the bin, and an admin restores it',
  async () => {
    const { context, page, errors } = await session('admin')
    const name = unique('Corbeille')
    const id = await organisation('admin', name)
    await page.goto(`/organisations/${id}`)
    await hydrated(page)
    await page.getByTestId('more-actions').click()
    await page.getByTestId('delete').click()
    await page.getByTestId('confirm-button').click()
    await page.waitForURL((url) => url.pathname === '/organisations')
    await toast(page, 'Organisation supprimée. Un administrateur peut la restaurer')
    await page.goto('/bin?type=organisations')
    await hydrated(page)
    const row = page.getByTestId('bin-row').filter({ hasText: name })
    await row.getByRole('button', { name: 'Restaurer' }).click()
    await toast(page, `« ${name} » restauré(e).`)
    await page.goto(`/organisations/${id}`)
    await expect(page.getByTestId('organisation-name').textContent()).resolves.toBe(name)
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)

test(
  'a viewer reads an organisation without any action to change it',
  async () => {
    const { context, page, errors } = await session('viewer')
    const id = await organisation('manager', unique('Lecture'))
    const manager = await as('manager')
    expect(
      (
        await manager.post('/api/v1/interactions', {
          type: 'NOTE',
          organisationId: id,
          subject: unique('Note de lecture'),
        })
      ).status,
    ).toBe(201)
    expect((await manager.post('/api/v1/tasks', { title: unique('À relire'), organisationId: id })).status).toBe(201)
    await page.goto(`/organisations/${id}`)
    await hydrated(page)
    await page.getByTestId('organisation-details').waitFor()
    for (const testId of ['edit', 'log-interaction', 'more-actions', 'stage-menu'])
      expect(await page.getByTestId(testId).count()).toBe(0)
    await page.goto(`/organisations/${id}/interactions`)
    await hydrated(page)
    await page.getByTestId('interaction-entry').first().waitFor()
    expect(await page.getByTestId('interaction-actions').count()).toBe(0)
    await page.goto(`/organisations/${id}/tasks`)
    await hydrated(page)
    await page.getByTestId('task-row').first().waitFor()
    expect(await page.getByTestId('task-edit').count()).toBe(0)
    await page.goto('/pipeline/kanban')
    await hydrated(page)
    expect(await page.getByTestId('kanban-grip').count()).toBe(0)
    expect(await page.locator('[data-testid="kanban-card"][draggable="true"]').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  },
  BROWSER_TIMEOUT,
)
