// A new user's first day: the help centre, pages a role cannot use, figures that agree between
// screens, the phone menu's way to Mon compte, /dashboard and the 404 page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newContext, signIn } from '../setup/browser.ts'
import type { DemoUser } from '../setup/api-client.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const hydrated = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')

async function open(user: DemoUser, opts: { mobile?: boolean } = {}) {
  const context = await newContext(browser, opts)
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  const errors = collectPageErrors(page)
  // React's development warnings (a <script> rendered on the client, …) are console warnings.
  page.on('console', (m) => m.type() === 'warning' && /script tag/i.test(m.text()) && errors.push(m.text()))
  // Waits for the app's screen, not only the address: keys and DOM changes before it met the
  // sign-in page (signIn in tests/setup/browser.ts says why).
  await signIn(page, user)
  return { context, page, errors }
}

describe('the help centre', () => {
  test('Aide is in the sidebar and its guides open, each with its sections', { timeout: 120_000 }, async () => {
    const { context, page, errors } = await open('sales')
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Aide' }).click()
    await page.waitForURL('**/aide')
    for (const [guide, heading] of [
      ['Démarrage rapide', 'Créer une organisation'],
      ['Import CSV / Excel', 'Fiches déjà présentes'],
      ['Gestion du pipeline', 'Actions automatiques et alertes'],
      ['Raccourcis clavier', 'Kanban'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Guides de l’aide' }).getByRole('link', { name: guide }).click()
      await page.getByRole('heading', { name: heading }).waitFor()
    }
    await page.goto('/aide/faq')
    await hydrated(page)
    expect(await page.getByTestId('faq-entry').count()).toBeGreaterThan(15)
    // The FAQ tells the truth about deletion: the bin, 30 days, restored by an administrator.
    const deletion = page.locator('#supprimer')
    await deletion.locator('summary').click()
    await expect.poll(() => deletion.textContent()).toMatch(/corbeille pour 30 jours.*administrateur/s)
    expect(errors).toEqual([])
    await context.close()
  })

  test('the ? key opens the help, and the command palette finds a FAQ answer and opens it', async () => {
    const { context, page, errors } = await open('viewer')
    await page.keyboard.press('?')
    await page.waitForURL('**/aide')
    await page.keyboard.press('Control+k')
    await page.getByTestId('palette-input').fill('compte verrouillé')
    const hit = page.getByTestId('palette-option').filter({ hasText: 'Mon compte est verrouillé.' })
    await hit.click()
    await page.waitForURL('**/aide/faq#compte-verrouille')
    await expect.poll(() => page.locator('#compte-verrouille').getAttribute('open')).not.toBeNull()
    expect(await page.locator('#compte-verrouille').textContent()).toContain('15 minutes')
    expect(errors).toEqual([])
    await context.close()
  })

  test('the help text is not part of the dashboard’s first load', async () => {
    const { context, page } = await open('admin')
    const scripts: string[] = []
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()))
    await page.goto('/')
    await hydrated(page)
    expect(scripts.length).toBeGreaterThan(0)
    expect(scripts.filter((u) => /\/(help|aide)[./]/.test(u))).toEqual([])
    await context.close()
  })
})

describe('pages a role cannot use', () => {
  test('a viewer opening the new organisation form gets a 403 page saying why inside the app, with ways back', {
    timeout: 90_000,
  }, async () => {
    const { context, page, errors } = await open('viewer')
    await page.goto('/organisations')
    await hydrated(page)
    const res = await page.goto('/organisations/new')
    expect(res?.status()).toBe(403)
    await page.getByRole('heading', { name: 'Accès refusé' }).waitFor()
    expect(await page.locator('form input[name="name"]').count()).toBe(0)
    expect(await page.getByTestId('screen-error').textContent()).toContain('Votre rôle ne permet pas')
    // Still inside the app: the sidebar and the header with the signed-in user.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' })
    await nav.getByRole('link', { name: 'Organisations' }).waitFor()
    await page.getByTestId('current-user').getByText('Lecteur').waitFor()
    await hydrated(page)
    await page.getByRole('button', { name: 'Page précédente' }).click()
    await page.waitForURL((u) => u.pathname === '/organisations')
    await page.goForward()
    await page.getByRole('heading', { name: 'Accès refusé' }).waitFor()
    await page.getByTestId('screen-error').getByRole('link', { name: "Retour à l'accueil" }).click()
    await page.getByTestId('dashboard').waitFor()
    expect(errors).toEqual([])
    await context.close()
  })

  test('a manager opening the bin is told that an administrator restores deleted records', async () => {
    const { context, page, errors } = await open('manager')
    expect(await page.getByRole('link', { name: 'Corbeille' }).count()).toBe(0)
    const res = await page.goto('/bin')
    expect(res?.status()).toBe(403)
    await page.getByText('Seuls les administrateurs ouvrent la corbeille').waitFor()
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('addresses', () => {
  test('/dashboard leads to the dashboard', async () => {
    const { context, page } = await open('sales')
    await page.goto('/dashboard')
    await page.waitForURL((u) => u.pathname === '/')
    await page.getByTestId('dashboard').waitFor()
    await context.close()
  })

  test('following a link to a page that does not exist shows the 404 page without a React warning', async () => {
    const { context, page, errors } = await open('sales')
    await page.evaluate(() => {
      const a = document.createElement('a')
      a.href = '/cette-page-nexiste-pas'
      a.textContent = 'lien mort'
      document.querySelector('main')?.appendChild(a)
    })
    await page.getByText('lien mort').click()
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor()
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('figures that agree', () => {
  test('the dashboard and analytics show the same weighted pipeline under the same name', {
    timeout: 120_000,
  }, async () => {
    const { context, page, errors } = await open('admin')
    await page.goto('/')
    await hydrated(page)
    const sub = (await page.getByTestId('kpi-pipeline').locator('xpath=following-sibling::dd[1]').textContent()) ?? ''
    expect(sub).toMatch(/^Pipeline pondéré : /)
    const onDashboard = sub.replace('Pipeline pondéré : ', '').trim()
    await page.goto('/pipeline/analytics')
    await hydrated(page)
    const onAnalytics = await page
      .locator('dt', { hasText: /^Pipeline pondéré$/ })
      .locator('xpath=following-sibling::dd[1]')
      .textContent()
    expect(onAnalytics?.trim()).toBe(onDashboard)
    // Each per-stage count says what it counts.
    await page.goto('/pipeline/kanban')
    await page.getByTestId('kanban-scope').waitFor()
    expect(await page.getByTestId('kanban-scope').textContent()).toContain('actives uniquement')
    await page.goto('/')
    expect(await page.getByTestId('stages-scope').textContent()).toContain('actives ou non')
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('on a phone', () => {
  test('Mon compte is reachable from the Plus menu', async () => {
    const { context, page, errors } = await open('sales', { mobile: true })
    await page.getByTestId('bottom-nav').getByRole('button', { name: 'Plus' }).click()
    await page.getByRole('dialog').getByRole('link', { name: 'Mon compte' }).click()
    await page.waitForURL('**/account')
    await page.getByRole('link', { name: 'Changer mon mot de passe' }).waitFor()
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('administration in French', () => {
  test('the audit log names actions and their targets in French, not by key and identifier', async () => {
    const { context, page, errors } = await open('admin')
    await page.goto('/admin/audit?action=auth.login')
    await page.getByTestId('audit-table').waitFor()
    const first = page
      .getByTestId('audit-row')
      .filter({ has: page.locator('td:nth-child(2)', { hasText: /^Connexion$/ }) })
      .first()
    const cells = await first.locator('td').allTextContents()
    expect(cells[1]).toMatch(/^Connexion/)
    expect(cells.join(' ')).not.toContain('auth.login')
    expect(cells[3]).toMatch(/^Utilisateur\s+\S/)
    expect(cells[3]).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/)
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('forms', () => {
  test('the organisation form says how long a name may be', async () => {
    const { context, page, errors } = await open('sales')
    await page.goto('/organisations/new')
    await hydrated(page)
    const name = page.locator('form input[name="name"]')
    expect(await name.getAttribute('maxlength')).toBe('200')
    const hint = await name.getAttribute('aria-describedby')
    expect(await page.locator(`#${hint?.split(' ').find((id) => id.endsWith('-hint'))}`).textContent()).toBe(
      '200 caractères au maximum.',
    )
    expect(errors).toEqual([])
    await context.close()
  })
})
