// On a phone, no main screen is wider than the viewport: only the kanban's column strip and wide
// tables scroll sideways, inside their own box. Checked at 360 and 390 px on every main screen.
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, newContext, signIn } from '../setup/browser.ts'
import { as } from '../setup/api-client.ts'

let browser: Browser
let screens: string[]
beforeAll(async () => {
  browser = await launchBrowser()
  const admin = await as('admin')
  const first = async (path: string) => ((await admin.get(path)).body.data[0] as { id: string }).id
  const [org, person, mandate, product] = await Promise.all([
    first('/api/v1/organisations?limit=1'),
    first('/api/v1/people?limit=1'),
    first('/api/v1/mandats?limit=1'),
    first('/api/v1/products?limit=1'),
  ])
  screens = [
    '/',
    '/organisations',
    `/organisations/${org}`,
    `/organisations/${org}/contacts`,
    `/organisations/${org}/history`,
    '/organisations/new',
    '/pipeline',
    '/pipeline/kanban',
    '/pipeline/analytics',
    '/people',
    `/people/${person}`,
    '/mandates',
    `/mandates/${mandate}`,
    '/products',
    `/products/${product}`,
    '/tasks',
    '/search?q=capital',
    '/account',
    '/notifications',
    '/account/notifications',
    '/imports',
    '/aide',
    '/aide/pipeline',
    '/aide/raccourcis',
    '/admin/users',
    '/admin/roles',
    '/admin/audit',
    '/bin',
  ]
})
afterAll(async () => {
  await browser?.close()
})

// The page's width, and what sticks out past the viewport outside any box that scrolls sideways.
function overflow(page: Page, width: number) {
  return page.evaluate((w) => {
    const scrollsSideways = (el: Element) => {
      const s = getComputedStyle(el)
      return s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden'
    }
    const culprits: string[] = []
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.right <= w + 1) continue
      let p = el.parentElement
      while (p && !scrollsSideways(p)) p = p.parentElement
      if (p && p.getBoundingClientRect().right <= w + 1) continue
      culprits.push(
        `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> right=${Math.round(box.right)}`,
      )
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 5) }
  }, width)
}

async function checkEveryScreen(width: number) {
  const context = await newContext(browser, { mobile: true })
  const page = await context.newPage()
  await page.setViewportSize({ width, height: 800 })
  const errors = collectPageErrors(page)
  await signIn(page, 'admin')
  const tooWide: string[] = []
  for (const path of screens) {
    await page.goto(path)
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    const { scrollWidth, culprits } = await overflow(page, width)
    if (scrollWidth > width) tooWide.push(`${path}: ${scrollWidth} px (${culprits.join(', ')})`)
  }
  // The kanban's columns do scroll sideways, inside their strip.
  await page.goto('/pipeline/kanban')
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
  const strip = await page
    .getByTestId('kanban')
    .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, right: el.getBoundingClientRect().right }))
  await context.close()
  expect(tooWide).toEqual([])
  expect(strip.scroll).toBeGreaterThan(strip.client)
  expect(strip.right).toBeLessThanOrEqual(width)
  expect(errors).toEqual([])
}

test('no main screen is wider than a 360 px phone', { timeout: 300_000 }, () => checkEveryScreen(360))
test('no main screen is wider than a 390 px phone', { timeout: 300_000 }, () => checkEveryScreen(390))
