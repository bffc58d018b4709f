import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newContext, signIn } from '../setup/browser.ts'
import { as } from '../setup/api-client.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// A made-up name nobody else uses, of letters only (so a typo in it is corrected like any word).
const word = () =>
  'Zor' +
  Array.from(
    { length: 6 },
    (_, i) => (i % 2 ? 'aeiou' : 'bdfgklmnprstvz')[Math.floor(Math.random() * (i % 2 ? 5 : 14))],
  ).join('')

async function createOrganisation(name: string) {
  const res = await (await as('admin')).post('/api/v1/organisations', { name, type: 'INVESTISSEUR', city: 'Annecy' })
  expect(res.status).toBe(201)
  return res.body as { id: string }
}

const palette = (page: Page) => page.getByTestId('command-palette')
const hydrated = (page: Page) => page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')

// The dev server compiles each screen on its first visit and may reload the page then: visit the
// screens the test goes to once, so a reload cannot swallow a key press later.
async function warmUp(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path)
    await hydrated(page)
  }
}
// Three screens, a sign-in and a few searches each, on a shared two-core machine.
const TIMEOUT = 120_000
const options = (page: Page) => palette(page).getByTestId('palette-option')

test(
  'Ctrl+K opens the palette; a misspelt name is found, highlighted, chosen with the keyboard and opened',
  async () => {
    const name = word()
    const org = await createOrganisation(`${name} Conseil`)
    const context = await newContext(browser)
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    const errors = collectPageErrors(page)
    await signIn(page, 'admin')
    await warmUp(page, [`/organisations/${org.id}`, '/pipeline', '/'])

    await page.keyboard.press('Control+k')
    await palette(page).waitFor()
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('palette-input')
    // Before typing: the pages it can go to.
    await options(page).filter({ hasText: 'Pipeline' }).waitFor()

    const typo = name.slice(0, 4) + name[5] + name[4] + name.slice(6)
    await page.keyboard.type(typo.toLowerCase())
    const hit = options(page).filter({ hasText: `${name} Conseil` })
    await hit.waitFor()
    expect(await hit.locator('mark').first().textContent()).toBe(name)
    expect(await palette(page).getByText('Organisations', { exact: true }).count()).toBe(1)

    // Arrow keys move the active option; Enter opens it.
    const input = page.getByTestId('palette-input')
    const activeText = () => palette(page).locator('[role="option"][aria-selected="true"]').textContent()
    const ids = await options(page).evaluateAll((els) => els.map((e) => e.id))
    let steps = 0
    while (!(await activeText())?.includes(`${name} Conseil`) && steps++ < ids.length) await input.press('ArrowDown')
    expect(await input.getAttribute('aria-activedescendant')).toBe(
      await palette(page).locator('[aria-selected="true"]').getAttribute('id'),
    )
    await input.press('Enter')
    await page.waitForURL(`**/organisations/${org.id}`)
    expect(await palette(page).count()).toBe(0)

    // "/" reopens it, with the search just made among the recent ones; Esc closes it.
    await page.getByTestId('organisation-name').waitFor()
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('/')
    await palette(page).waitFor()
    await options(page).filter({ hasText: typo.toLowerCase() }).waitFor()
    await page.keyboard.press('Escape')
    await palette(page).waitFor({ state: 'detached' })

    // Pages too: "pipe" then Enter goes to the pipeline.
    await page.keyboard.press('Control+k')
    await page.getByTestId('palette-input').fill('pipe')
    await options(page).first().filter({ hasText: 'Pipeline' }).waitFor()
    await page.getByTestId('palette-input').press('Enter')
    await page.waitForURL('**/pipeline**')
    expect(errors).toEqual([])
    await context.close()
  },
  TIMEOUT,
)

test(
  'the palette keeps focus inside, shows focus, and leads to the full results page',
  async () => {
    const name = word()
    await createOrganisation(`${name} Partners`)
    const context = await newContext(browser)
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    const errors = collectPageErrors(page)
    await signIn(page, 'manager')
    await warmUp(page, ['/search', '/'])
    await page.getByTestId('search-button').click()
    await palette(page).waitFor()
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      expect(
        await page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="command-palette"]'))),
      ).toBe(true)
    }
    // Focus is visible: on the field (its frame) and on the close button reached with Tab.
    await page.getByTestId('palette-input').focus()
    expect(
      await palette(page)
        .getByTestId('palette-input')
        .evaluate((el) => getComputedStyle(el.parentElement!).outlineStyle),
    ).not.toBe('none')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Fermer')
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none')
    await page.keyboard.press('Shift+Tab')

    await page.getByTestId('palette-input').fill(name)
    const all = options(page).filter({ hasText: 'Voir tous les résultats' })
    await all.waitFor()
    await all.click()
    await page.waitForURL(`**/search?q=${name}`)
    await page.getByTestId('search-group-organisations').getByText(`${name} Partners`).waitFor()
    // The filters narrow it down: a stage it is not in empties the page.
    await page.goto(`/search?q=${name}&stage=SIGNE`)
    await page.getByTestId('search-empty').waitFor()
    expect(errors).toEqual([])
    await context.close()
  },
  TIMEOUT,
)

test(
  'on a phone the search button opens a full-screen palette and a tap opens the record',
  async () => {
    const name = word()
    const org = await createOrganisation(`${name} Épargne`)
    const context = await newContext(browser, { mobile: true })
    const page = await context.newPage()
    page.setDefaultTimeout(20_000)
    const errors = collectPageErrors(page)
    await signIn(page, 'admin')
    await warmUp(page, [`/organisations/${org.id}`, '/'])
    const button = page.getByTestId('search-button')
    expect(await button.isVisible()).toBe(true)
    const box = (await button.boundingBox())!
    expect(box.width).toBeGreaterThanOrEqual(44)
    await button.tap()
    await palette(page).waitFor()
    const dialogBox = (await palette(page).boundingBox())!
    expect(dialogBox.width).toBeGreaterThanOrEqual(389)
    // Accents are optional on a phone keyboard.
    await page.getByTestId('palette-input').fill(`${name.toLowerCase()} epargne`)
    const hit = options(page).filter({ hasText: `${name} Épargne` })
    await hit.waitFor()
    await hit.tap()
    await page.waitForURL(`**/organisations/${org.id}`)
    // And it closes without a keyboard.
    await button.tap()
    await palette(page).getByRole('button', { name: 'Fermer' }).tap()
    await palette(page).waitFor({ state: 'detached' })
    expect(errors).toEqual([])
    await context.close()
  },
  TIMEOUT,
)
