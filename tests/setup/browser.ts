// A real Chromium for browser tests: Debian's if installed, else the one packed in
// @sparticuz/chromium (from the npm registry; nothing is downloaded at run time).
import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { baseURL, DEMO_PASSWORD, randomIp, type DemoUser } from './api-client.ts'

async function executablePath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  const sparticuz = (await import('@sparticuz/chromium')).default
  return sparticuz.executablePath()
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await executablePath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--font-render-hinting=none',
    ],
  })
}

export async function newContext(
  browser: Browser,
  opts: { mobile?: boolean; colorScheme?: 'light' | 'dark' } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseURL(),
    // Its own client IP per context: rate limits in test runs count per context (see api-client.ts).
    extraHTTPHeaders: { 'cf-connecting-ip': randomIp() },
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    colorScheme: opts.colorScheme ?? 'light',
    ...(opts.mobile
      ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
      : { viewport: { width: 1366, height: 900 } }),
  })
}

export async function signIn(page: Page, user: DemoUser) {
  await page.goto('/login')
  await page.getByLabel('E-mail').fill(`${user}@demo.crm`)
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await screenReady(page)
}

// The screen at the current address is committed and its effects (key listeners, sockets) ran.
// The sign-in redirect is a client-side navigation: the address changes before React renders the
// app (in a transition), and the sign-in page had already set "hydrated"; a key pressed or a node
// added in between met the sign-in page (the first-day tests' flake in CI). app/root.tsx sets
// data-path after every commit of a new address.
export const screenReady = (page: Page) =>
  page.waitForFunction(
    () =>
      document.documentElement.dataset.hydrated === 'true' &&
      document.documentElement.dataset.path === window.location.pathname,
  )

// Page errors and console errors fail the test that produced them.
// Chromium logs a socket that a navigation tears down before its handshake as an error; the page
// opens a new one after the navigation, so it is the browser's bookkeeping, not the app's failure.
const BROWSER_NOISE =
  /Failed to load resource|WebSocket connection to .* failed: Connection closed before receiving a handshake response/

export function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on(
    'console',
    (m) => m.type() === 'error' && !BROWSER_NOISE.test(m.text()) && errors.push(`console: ${m.text()}`),
  )
  return errors
}

// The dev server compiles routes and optimises dependencies on their first visit (which can
// reload the page); one pass over the screens first keeps the tests' own timings honest.
export async function warmUp(b: Browser) {
  const context = await newContext(b)
  await context.setExtraHTTPHeaders({ 'cf-connecting-ip': '10.254.254.254' })
  const page = await context.newPage()
  try {
    await signIn(page, 'admin')
    const id = await page.evaluate(
      async () =>
        ((await (await fetch('/api/v1/organisations?limit=1')).json()) as { data: { id: string }[] }).data[0]!.id,
    )
    for (const path of [
      '/organisations',
      '/organisations/new',
      `/organisations/${id}`,
      `/organisations/${id}/contacts`,
      `/organisations/${id}/tasks`,
      `/organisations/${id}/interactions`,
      `/organisations/${id}/mandates`,
      `/organisations/${id}/history`,
      `/organisations/${id}/edit`,
      '/pipeline',
      '/pipeline/kanban',
      '/pipeline/analytics',
      '/people',
      '/tasks',
      '/mandates',
      '/mandates/new',
      '/products',
      '/bin',
      '/',
    ]) {
      await page.goto(path)
      await page
        .waitForFunction(() => document.documentElement.dataset.hydrated === 'true', undefined, { timeout: 20_000 })
        .catch(() => {})
    }
  } finally {
    await context.close()
  }
}
