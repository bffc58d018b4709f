// Phone benchmark: time to interactive (React hydrated) of the kanban, organisations and
// dashboard on a 390×844 phone with the CPU slowed 4× (a mid-range phone, CDP
// Emulation.setCPUThrottlingRate), against the floor of the same visit: the HTML's first byte and
// last byte, so the client-side share shows. Aim: TTI under 1 s (issue 15).
//   node bench/phone.bench.ts                 starts the app (production build, in-memory database)
//   BASE_URL=http://localhost:8787 node bench/phone.bench.ts --runs 9
import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { chromium, type Page } from 'playwright-core'
import { percentiles } from './stats.ts'
import { startApp } from './app.ts'
import { arg } from './cli.ts'
import { PASSWORD } from './load.ts'

const RUNS = Number(arg('runs', '7'))
const SCREENS = { kanban: '/pipeline/kanban', organisations: '/organisations', dashboard: '/' }

// The app this benchmark starts, or the one BASE_URL names (left running).
async function appUnderTest() {
  if (process.env.BASE_URL) return { url: process.env.BASE_URL, stop: async () => {} }
  const app = await startApp({
    args: ['--memory'],
    // Not in test mode: the development environment, as the page is measured without test hooks.
    env: { CRM_TEST: undefined, CRM_PERSIST_DIR: `.wrangler/bench-phone-${process.pid}`, DATABASE_URL: '' },
  })
  return { url: app.base, stop: app.stop }
}

async function executablePath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  return (await import('@sparticuz/chromium')).default.executablePath()
}

// One visit: navigation timing of the document and the moment React marked the page hydrated.
async function visit(page: Page, path: string) {
  await page.goto(path)
  // Awaits the init script's promise: waitForFunction polled on every animation frame, work the
  // throttled page paid for during its own hydration.
  return page.evaluate(async () => {
    const tti = await (window as unknown as { __tti: Promise<number> }).__tti
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
    return { ttfb: nav.responseStart, html: nav.responseEnd, tti }
  })
}

async function main() {
  const app = await appUnderTest()
  const { url } = app
  const browser = await chromium.launch({
    executablePath: await executablePath(),
    headless: true,
    args: ['--no-sandbox'],
  })
  try {
    const context = await browser.newContext({
      baseURL: url,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
      locale: 'fr-FR',
    })
    // Records when the app's root effect sets data-hydrated (the browser tests' "interactive").
    // Observes the whole document: when init scripts run, the <html> element may not exist yet.
    await context.addInitScript(() => {
      ;(window as unknown as { __tti: Promise<number> }).__tti = new Promise((resolve) =>
        new MutationObserver((_, obs) => {
          if (document.documentElement.dataset.hydrated === 'true') {
            resolve(performance.now())
            obs.disconnect()
          }
        }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-hydrated'] }),
      )
    })
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByLabel('E-mail').fill('admin@demo.crm')
    await page.getByLabel('Mot de passe').fill(PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
    const cdp = await context.newCDPSession(page)
    console.log(`phone 390×844, ${RUNS} visits per screen after one warm-up, load average ${loadavg()[0]!.toFixed(1)}`)
    console.log(
      [
        'screen'.padEnd(15),
        'cpu'.padEnd(6),
        'ttfb p50'.padStart(10),
        'html p50'.padStart(10),
        'tti p50'.padStart(10),
        'tti p95'.padStart(10),
        '   (ms)',
      ].join(''),
    )
    for (const rate of [1, 4]) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate })
      for (const [name, path] of Object.entries(SCREENS)) {
        await visit(page, path)
        const runs = []
        for (let i = 0; i < RUNS; i++) runs.push(await visit(page, path))
        const [ttfb] = percentiles(runs.map((r) => r.ttfb))
        const [html] = percentiles(runs.map((r) => r.html))
        const [tti, tti95] = percentiles(runs.map((r) => r.tti))
        const f = (n: number) => n.toFixed(0).padStart(10)
        console.log(`${name.padEnd(15)}${`${rate}×`.padEnd(6)}${f(ttfb)}${f(html)}${f(tti)}${f(tti95)}`)
      }
    }
    console.log(`load average at the end ${loadavg()[0]!.toFixed(1)}`)
  } finally {
    await browser.close()
    await app.stop()
  }
}

await main()
