import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newContext, signIn } from '../setup/browser.ts'
import { ApiClient, as } from '../setup/api-client.ts'
import { createUser, latestMail, STRONG_PASSWORD } from '../api/auth-helpers.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function openAs(user: 'admin' | 'sales' | 'viewer') {
  const context = await newContext(browser)
  const page = await context.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, user)
  return { context, page, errors }
}

const hydrated = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')

async function signInWith(page: Page, email: string, password: string) {
  await page.goto('/login')
  await hydrated(page)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Mot de passe').fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

describe('what each role sees', () => {
  test('a viewer sees no button to create, edit or delete, and no administration', { timeout: 60_000 }, async () => {
    const { context, page, errors } = await openAs('viewer')
    await page.goto('/organisations')
    await page.getByRole('heading', { name: 'Organisations' }).waitFor()
    expect(await page.locator('a[href="/organisations/new"]').count()).toBe(0)
    expect(await page.getByRole('link', { name: 'Administration' }).count()).toBe(0)

    const first = page.locator('a[href^="/organisations/"]').filter({ hasNotText: 'Nouvelle' }).first()
    await first.click()
    await page.waitForURL(/\/organisations\/[0-9a-f-]{36}/)
    await page.getByTestId('organisation-name').waitFor()
    for (const id of ['edit', 'log-interaction', 'delete', 'duplicate'])
      expect(await page.getByTestId(id).count()).toBe(0)

    for (const [path, href] of [
      ['/people', '/people/new'],
      ['/mandates', '/mandates/new'],
    ] as const) {
      await page.goto(path)
      await hydrated(page)
      expect(await page.locator(`a[href="${href}"]`).count()).toBe(0)
    }
    await page.goto('/tasks')
    await hydrated(page)
    expect(await page.getByTestId('add-task').count()).toBe(0)

    // The API refuses regardless of what the UI shows.
    const refused = await page.request.post('/api/v1/organisations', {
      data: { name: 'Par le lecteur', type: 'INVESTISSEUR' },
      headers: { origin: new URL(page.url()).origin },
    })
    expect(refused.status()).toBe(403)
    expect(errors).toEqual([])
    await context.close()
  })

  test("a sales user does not see another team's organisation in the list, in search or at its address", async () => {
    const sales2 = await as('sales2')
    const me2 = (await sales2.get('/api/v1/auth/me')).body
    const theirs = (await sales2.get('/api/v1/organisations?limit=100')).body.data.find(
      (o: { ownerId: string }) => o.ownerId === me2.id,
    )
    expect(theirs).toBeTruthy()

    const { context, page, errors } = await openAs('sales')
    await page.goto(`/organisations?q=${encodeURIComponent(theirs.name)}`)
    await page.getByRole('heading', { name: 'Organisations' }).waitFor()
    expect(await page.getByText(theirs.name, { exact: true }).count()).toBe(0)

    // Global search, through the signed-in browser session (routes from the search feature).
    for (const path of ['/api/v1/search', '/api/v1/search/autocomplete']) {
      const res = await page.request.get(`${path}?q=${encodeURIComponent(theirs.name)}`)
      if (res.status() === 404) continue
      expect(res.status()).toBe(200)
      expect(await res.text()).not.toContain(theirs.id)
    }

    const direct = await page.goto(`/organisations/${theirs.id}`)
    expect(direct?.status()).toBe(404)
    await page.getByText('Page introuvable').waitFor()
    const tab = await page.goto(`/organisations/${theirs.id}/contacts`)
    expect(tab?.status()).toBe(404)
    expect(errors.filter((e) => !/404/.test(e))).toEqual([])
    await context.close()
  })

  test('an admin reaches the administration screens: users, permission matrix, API tokens, audit log', async () => {
    const { context, page, errors } = await openAs('admin')
    await page.getByRole('link', { name: 'Administration' }).first().click()
    await page.waitForURL('**/admin/users')
    await page.locator('[data-testid="user-row"][data-email="sales@demo.crm"]').waitFor()

    await page.getByRole('link', { name: 'Rôles et permissions' }).click()
    await page.getByTestId('permission-matrix').waitFor()
    expect(await page.locator('[data-permission="roles:manage"]').isChecked()).toBe(false)

    await page.getByRole('link', { name: 'Jetons d’API' }).click()
    await page.getByLabel('Nom de l’intégration').fill(`Navigateur ${Date.now()}`)
    await page.getByRole('button', { name: '+ Créer le jeton' }).click()
    const secret = await page.getByTestId('token-secret').textContent()
    expect(secret).toMatch(/^crm_/)
    expect((await new ApiClient(secret!).get('/api/v1/auth/me')).status).toBe(200)

    await page.getByRole('link', { name: 'Journal d’audit' }).click()
    await page.getByTestId('audit-table').getByText('Jeton d’API créé').first().waitFor()
    expect(errors).toEqual([])
    await context.close()
  })

  test('a sales user gets no administration screen: the address answers 404', async () => {
    const { context, page } = await openAs('sales')
    const res = await page.goto('/admin/users')
    expect(res?.status()).toBe(404)
    await context.close()
  })
})

describe('account screens', () => {
  test('the first sign-in with an admin-set password leads to the password change, then to the account and its ' +
    'sessions', {
    timeout: 60_000,
  }, async () => {
    const user = await createUser({ role: 'sales' })
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await signInWith(page, user.email, user.password)
    await page.waitForURL('**/account/password')
    await page.getByTestId('password-forced').waitFor()
    await page.goto('/organisations')
    await page.waitForURL('**/account/password')
    await hydrated(page)
    await page.getByLabel('Mot de passe actuel').fill(user.password)
    await page.getByLabel('Nouveau mot de passe *', { exact: true }).fill(`${STRONG_PASSWORD}-ui`)
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(`${STRONG_PASSWORD}-ui`)
    await page.getByRole('button', { name: 'Changer le mot de passe' }).click()
    await page.waitForURL('**/account')
    await page.getByTestId('session-row').first().waitFor()
    expect(await page.getByText('Cette session').count()).toBe(1)

    await page.getByTestId('sign-out-everywhere').click()
    await page.waitForURL('**/login')
    expect(errors).toEqual([])
    await context.close()
  })

  test('a forgotten password is reset through the link shown in the development mailbox', {
    timeout: 60_000,
  }, async () => {
    const user = await createUser({ role: 'viewer' })
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await page.goto('/login')
    await hydrated(page)
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()
    await page.waitForURL('**/forgot-password')
    await page.getByLabel('E-mail').fill(user.email)
    await page.getByRole('button', { name: 'Envoyer le lien' }).click()
    await page.getByTestId('reset-sent').waitFor()
    // Only an admin reads the development mailbox: the link is taken from it through the API.
    const mail = await latestMail(user.email)
    expect(mail).toBeTruthy()
    await page.goto(mail!.text.match(/https?:\/\/\S+reset-password\?token=\S+/)![0].replace(/^https?:\/\/[^/]+/, ''))
    await hydrated(page)
    await page.getByLabel('Nouveau mot de passe *', { exact: true }).fill(`${STRONG_PASSWORD}-mail`)
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(`${STRONG_PASSWORD}-mail`)
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
    await page.waitForURL('**/login?reset=1')
    await page.getByText('Mot de passe enregistré').waitFor()
    await signInWith(page, user.email, `${STRONG_PASSWORD}-mail`)
    expect(new URL(page.url()).pathname).toBe('/')
    expect(errors).toEqual([])
    await context.close()
  })
})
