// Two tabs of one user: a notification arrives live in both, reading it in one clears it in the
// other, and a tab that was offline catches up on reconnect. Then the Notifications page.
import type { Browser, Page } from 'playwright-core'
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

const live = (page: Page) => page.locator('[data-testid="live-indicator"][data-connected="true"]').waitFor()
const item = (page: Page, name: string) =>
  page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: name })

// The sales user of team Paris creates an organisation: the team's manager is notified.
async function salesCreates(label: string) {
  const name = unique(label)
  const res = await (await as('sales')).post('/api/v1/organisations', { name, type: 'INVESTISSEUR' })
  expect(res.status).toBe(201)
  return name
}

test('a notification reaches both tabs live, reading it in one clears it in the other, and an offline tab catches ' +
  'up', async () => {
  const context = await newContext(browser)
  const tab1 = await context.newPage()
  const errors = collectPageErrors(tab1)
  await signIn(tab1, 'manager')
  const tab2 = await context.newPage()
  await tab2.goto('/')
  await tab2.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
  await Promise.all([live(tab1), live(tab2)])

  const name = await salesCreates('Deux onglets')
  for (const tab of [tab1, tab2]) {
    await tab.getByTestId('toast').filter({ hasText: name }).waitFor({ timeout: 20_000 })
    await tab.getByTestId('notification-bell').click()
    await item(tab, name).and(tab.locator('[data-unread="true"]')).waitFor()
  }

  await item(tab1, name).getByRole('button', { name: 'Marquer comme lu' }).click()
  await item(tab2, name).and(tab2.locator('[data-unread="false"]')).waitFor({ timeout: 10_000 })

  // The panel closes on Esc.
  await tab2.keyboard.press('Escape')
  await tab2.getByTestId('notification-panel').waitFor({ state: 'detached' })

  // A third tab, in its own browser session, goes offline: the dot turns grey, the socket ends.
  const away = await newContext(browser)
  const tab3 = await away.newPage()
  await signIn(tab3, 'manager')
  await live(tab3)
  await away.setOffline(true)
  await tab3.locator('[data-testid="live-indicator"][data-connected="false"]').waitFor()
  const missed = await salesCreates('Hors ligne')
  await tab1.getByTestId('toast').filter({ hasText: missed }).waitFor({ timeout: 20_000 })
  await away.setOffline(false)
  await live(tab3)
  await tab3.getByTestId('notification-bell').click()
  await item(tab3, missed).waitFor({ timeout: 15_000 })
  expect(errors).toEqual([])
  await away.close()
  await context.close()
  // Two browser sessions, three tabs and an offline spell.
}, 90_000)

test('the Notifications page filters by priority and archives the read ones', async () => {
  const context = await newContext(browser)
  const page = await context.newPage()
  await signIn(page, 'manager')
  const name = await salesCreates('Page notifications')
  await page.goto('/notifications?type=organisation.created')
  await page.getByTestId('notification-list').getByText(name).waitFor({ timeout: 20_000 })
  await page.goto('/notifications?priority=URGENT')
  expect(await page.getByTestId('notification-list').getByText(name).count()).toBe(0)

  await page.goto('/notifications?type=organisation.created')
  const row = page.getByTestId('notification-item').filter({ hasText: name })
  await row.getByRole('button', { name: 'Marquer comme lu' }).click()
  await row.and(page.locator('[data-unread="false"]')).waitFor()
  await page.getByTestId('archive-read').click()
  await row.waitFor({ state: 'detached' })
  await page.goto('/notifications?archived=true&type=organisation.created')
  await page.getByTestId('notification-list').getByText(name).waitFor()
  await context.close()
})
