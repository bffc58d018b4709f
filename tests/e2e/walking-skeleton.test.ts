import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { collectPageErrors, launchBrowser, newContext, signIn } from '../setup/browser.ts'
import { unique } from '../setup/api-client.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

test('sign in, create an organisation and see it listed and notified live without a reload', async () => {
  const context = await newContext(browser)
  const page = await context.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, 'admin')

  // The list comes from Postgres through the API.
  await page.goto('/organisations')
  await page.getByTestId('organisation-list').waitFor()
  await page.getByTestId('live-indicator').and(page.locator('[data-connected="true"]')).waitFor()

  // The team's manager, signed in elsewhere, receives the push while the page stays open (nobody
  // is notified of their own act, so the creator's tabs get no toast).
  const managerContext = await newContext(browser)
  const watcher = await managerContext.newPage()
  await signIn(watcher, 'manager')
  await watcher.goto('/organisations')
  await watcher.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
  await watcher.locator('[data-testid="live-indicator"][data-connected="true"]').waitFor()
  await watcher.evaluate(() => {
    ;(window as any).__noReload = true
  })

  const name = unique('Walking Skeleton')
  await page.goto('/organisations/new')
  await page.getByLabel('Nom *').fill(name)
  await page.getByLabel('Type *').selectOption('INVESTISSEUR')
  await page.getByRole('button', { name: 'Créer' }).click()
  await page.waitForURL(/\/organisations\/[0-9a-f-]{36}/)
  await expect(page.getByTestId('organisation-name').textContent()).resolves.toBe(name)

  // The notification arrives over the WebSocket in the other tab, without a reload.
  await watcher.getByTestId('toast').filter({ hasText: name }).waitFor({ timeout: 20_000 })
  expect(await watcher.evaluate(() => (window as any).__noReload)).toBe(true)
  await watcher.getByTestId('notification-bell').click()
  await watcher.getByTestId('notification-panel').getByText(name).waitFor()

  // The cache was invalidated: the new organisation is in the next list read.
  await page.goto('/organisations?sort=-createdAt')
  await page.getByTestId('organisation-list').getByText(name).waitFor()
  expect(errors).toEqual([])
  await managerContext.close()
  await context.close()
  // Two browser sessions sign in (the creator and the manager who is told).
}, 60_000)
