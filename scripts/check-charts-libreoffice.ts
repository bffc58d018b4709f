// Opens an exported workbook in LibreOffice (headless, converted to OpenDocument) and checks that
// LibreOffice sees the Graphiques sheet's two charts as charts — a bar and a pie, not pictures —
// whose series read the sheet's own cells. Not part of the test suite: LibreOffice is a 300 MB
// install (`apt-get install --no-install-recommends libreoffice-calc`); the tests check the same
// ranges in the zip's chart parts, this proves a real spreadsheet reads them so.
//   node scripts/check-charts-libreoffice.ts                  a workbook built here from 200 rows
//   node scripts/check-charts-libreoffice.ts export.xlsx      a file downloaded from the app
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

if (!process.execArgv.includes('--experimental-transform-types')) {
  const r = spawnSync(process.execPath, ['--experimental-transform-types', '--no-warnings', ...process.argv.slice(1)], {
    stdio: 'inherit',
  })
  process.exit(r.status ?? 1)
}

const { strFromU8, unzipSync } = await import('fflate')
const dir = mkdtempSync(join(tmpdir(), 'crm-lo-'))
let file = process.argv[2]
if (!file) {
  const { LAYOUTS } = await import('../worker/exports/export-columns.ts')
  const { XlsxWriter } = await import('../worker/exports/xlsx.ts')
  const writer = new XlsxWriter(LAYOUTS.organisations, { title: 'Organisations', author: 'Vérification' })
  const types = ['Investisseur', 'Fournisseur', 'Distributeur', 'Émetteur']
  const stages = ['Prospect', 'Qualification', 'Proposition', 'Signé']
  const at = new Date('2026-03-15T10:00:00Z')
  writer.write(
    Array.from({ length: 200 }, (_, i) => [
      `Société ${i}`,
      types[i % 4]!,
      'OPCVM',
      stages[(i * 7) % 4]!,
      1000 * i,
      'Paris',
      'France',
      `contact${i}@exemple.fr`,
      '01 02 03 04 05',
      'Alice Martin',
      'Oui',
      at,
      at,
    ]),
  )
  file = join(dir, 'organisations.xlsx')
  writeFileSync(file, new Uint8Array(await (await writer.finish()).body.arrayBuffer()))
}

execFileSync('soffice', ['--headless', '--convert-to', 'ods', '--outdir', dir, file], { stdio: 'ignore' })
const ods = unzipSync(readFileSync(join(dir, basename(file).replace(/\.xlsx$/, '.ods'))))
const text = (name: string) => strFromU8(ods[name] ?? new Uint8Array())

const objects = [...text('content.xml').matchAll(/<draw:object [^>]*xlink:href="\.\/([^"]+)"/g)].map((m) => m[1]!)
const found = objects.map((o) => {
  const chart = text(`${o}/content.xml`)
  return {
    object: o,
    class: /<chart:chart [^>]*chart:class="chart:(\w+)"/.exec(chart)?.[1],
    categories: /<chart:categories table:cell-range-address="([^"]+)"/.exec(chart)?.[1],
    values: /<chart:series [^>]*chart:values-cell-range-address="([^"]+)"/.exec(chart)?.[1],
  }
})
console.log(JSON.stringify(found, null, 2))
rmSync(dir, { recursive: true, force: true })

const bar = found.find((c) => c.class === 'bar')
const pie = found.find((c) => c.class === 'circle')
const failures = [
  objects.length !== 2 && `expected 2 embedded charts, LibreOffice found ${objects.length}`,
  !bar && 'no bar chart',
  !pie && 'no pie chart',
  bar && !/^Graphiques\.A2:Graphiques\.A\d+$/.test(bar.categories ?? '') && 'bar categories not Graphiques.A2:A…',
  bar && !/^Graphiques\.[BC]2:Graphiques\.[BC]\d+$/.test(bar.values ?? '') && 'bar values not Graphiques.B/C2:…',
  pie && !/^Graphiques\.E2:Graphiques\.E\d+$/.test(pie.categories ?? '') && 'pie categories not Graphiques.E2:E…',
  pie && !/^Graphiques\.F2:Graphiques\.F\d+$/.test(pie.values ?? '') && 'pie values not Graphiques.F2:F…',
].filter(Boolean)
if (failures.length) {
  console.error(`LibreOffice does not see the charts as expected:\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log(`LibreOffice opens ${basename(file)} with a bar chart and a pie chart bound to the Graphiques cells.`)
