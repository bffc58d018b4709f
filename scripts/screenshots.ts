// Screenshots of the main screens, desktop (1440×900) and phone (390×844), light and dark, into
// docs/screenshots/. Against a running app (demo data), e.g.:
//   PORT=8840 CRM_PERSIST_DIR=.wrangler/ui CRM_VITE_CACHE=node_modules/.vite-ui node scripts/start.ts --memory
//   CRM_URL=http://localhost:8840 node --experimental-transform-types scripts/screenshots.ts
// (the test helpers it reuses need type transforms, not only type stripping)
import { mkdirSync, writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { collectPageErrors, launchBrowser, signIn } from '../tests/setup/browser.ts'

const BASE = process.env.CRM_URL ?? `http://localhost:${process.env.PORT ?? 8840}`
const OUT = 'docs/screenshots'

type Screen = { key: string; title: string; path: (ids: Ids) => string; ready: (page: Page) => Promise<unknown> }
type Ids = { organisation: string }

const SCREENS: Screen[] = [
  { key: 'dashboard', title: 'Tableau de bord', path: () => '/', ready: (p) => p.getByTestId('dashboard').waitFor() },
  {
    key: 'organisations',
    title: 'Liste des organisations',
    path: () => '/organisations',
    ready: (p) => p.getByTestId('organisation-list').waitFor(),
  },
  {
    key: 'organisation',
    title: 'Fiche organisation (aperçu)',
    path: (ids) => `/organisations/${ids.organisation}`,
    ready: (p) => p.getByTestId('organisation-details').waitFor(),
  },
  {
    key: 'kanban',
    title: 'Pipeline, vue kanban',
    path: () => '/pipeline/kanban',
    ready: (p) => p.getByTestId('kanban').waitFor(),
  },
  {
    key: 'analytics',
    title: 'Pipeline, analytique',
    path: () => '/pipeline/analytics',
    ready: (p) => p.getByTestId('funnel').waitFor(),
  },
  {
    key: 'form',
    title: 'Formulaire (erreurs en ligne)',
    path: () => '/organisations/new',
    // An empty submit shows the messages next to their fields.
    ready: async (p) => {
      await p.getByLabel('E-mail', { exact: true }).fill('contact@exemple')
      await p.getByTestId('submit').click()
      await p.locator('[aria-invalid="true"]').first().waitFor()
      await p.evaluate(() => window.scrollTo(0, 0))
    },
  },
]

const VARIANTS = [
  { device: 'desktop', viewport: { width: 1440, height: 900 }, mobile: false },
  { device: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
] as const
const THEMES = ['light', 'dark'] as const

async function shoot(
  browser: Browser,
  variant: (typeof VARIANTS)[number],
  theme: (typeof THEMES)[number],
  ids: Ids | null,
) {
  const context = await browser.newContext({
    baseURL: BASE,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    colorScheme: theme,
    viewport: variant.viewport,
    deviceScaleFactor: 1,
    isMobile: variant.mobile,
    hasTouch: variant.mobile,
    reducedMotion: 'reduce',
  })
  // The API limits calls per user and minute; a server started with CRM_TEST=1 keys the limit on
  // the client address too, so each context gets its own.
  const n = () => Math.floor(Math.random() * 250) + 1
  await context.setExtraHTTPHeaders({ 'cf-connecting-ip': `10.${n()}.${n()}.${n()}` })
  const page = await context.newPage()
  const errors = collectPageErrors(page)
  await signIn(page, 'admin')
  const found = ids ?? {
    organisation: await page.evaluate(async () => {
      const r = await fetch('/api/v1/organisations?sort=-amount&stage=PROPOSITION&limit=1')
      return ((await r.json()) as { data: { id: string }[] }).data[0]!.id
    }),
  }
  const files: string[] = []
  for (const screen of SCREENS) {
    for (let attempt = 1; ; attempt++) {
      const res = await page.goto(screen.path(found))
      // Over the rate limit (a server not started in test mode): wait for the next window.
      if (res?.status() === 429 && attempt < 3) {
        console.warn('rate limited, waiting 60 s')
        await page.waitForTimeout(60_000)
        continue
      }
      break
    }
    await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true')
    await screen.ready(page)
    await page.waitForLoadState('networkidle').catch(() => {})
    await page.waitForTimeout(300)
    const file = `${screen.key}-${variant.device}-${theme}.png`
    await page.screenshot({ path: `${OUT}/${file}` })
    files.push(file)
    console.log(`${OUT}/${file}`)
  }
  if (errors.length) console.warn(`page errors (${variant.device}, ${theme}):\n${errors.join('\n')}`)
  await context.close()
  return { ids: found, files }
}

mkdirSync(OUT, { recursive: true })
const browser = await launchBrowser()
let ids: Ids | null = null
try {
  for (const variant of VARIANTS) {
    for (const theme of THEMES) ids = (await shoot(browser, variant, theme, ids)).ids
  }
} finally {
  await browser.close()
}

const rows = SCREENS.map((s) => {
  const files = VARIANTS.flatMap((v) =>
    THEMES.map((th) => {
      const label = `${v.device === 'desktop' ? 'ordinateur' : 'téléphone'} ${th === 'light' ? 'clair' : 'sombre'}`
      return `[${label}](${s.key}-${v.device}-${th}.png)`
    }),
  )
  return `| ${s.title} | ${files.join(' · ')} |`
})
const sections = SCREENS.map(
  (s) =>
    `## ${s.title}\n\n![${s.title}, ordinateur, clair](${s.key}-desktop-light.png)\n\n` +
    `<img src="${s.key}-phone-dark.png" alt="${s.title}, téléphone, sombre" width="260">\n`,
)
const regenerate = '`node --experimental-transform-types scripts/screenshots.ts`'
writeFileSync(
  `${OUT}/README.md`,
  `# Screenshots

The main screens with the demo data, on a desktop (1440×900) and a phone (390×844), in the light
and the dark theme. Regenerate them against a running app with ${regenerate}
(see the header of [scripts/screenshots.ts](../../scripts/screenshots.ts)).

| screen | files |
|---|---|
${rows.join('\n')}

${sections.join('\n')}`,
)
console.log(`${OUT}/README.md`)
