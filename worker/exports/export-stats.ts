// Counts and amounts by each grouping of the layout, gathered while the rows stream past, for
// the Statistiques sheet, the charts and the PDF's KPIs and stage table.
import type { CellValue, EntityLayout, Grouping } from './export-columns.ts'

export type GroupLine = { label: string; count: number; amount: number }
export type GroupStats = { title: string; lines: GroupLine[] }
export type ExportStats = { rows: number; amount: number; groups: GroupStats[] }

const NONE = '(non renseigné)'

export class StatsCollector {
  private rows = 0
  private amount = 0
  private readonly maps: Map<string, GroupLine>[]
  private readonly layout: EntityLayout

  constructor(layout: EntityLayout) {
    this.layout = layout
    this.maps = layout.groups.map(() => new Map())
  }

  add(rows: CellValue[][]) {
    const { amount: amountCol, groups } = this.layout
    for (const row of rows) {
      this.rows++
      const amount = amountCol === undefined ? 0 : ((row[amountCol] as number | null) ?? 0)
      this.amount += amount
      for (let g = 0; g < groups.length; g++) {
        const label = String(row[groups[g]!.column] ?? NONE)
        const map = this.maps[g]!
        let line = map.get(label)
        if (!line) {
          line = { label, count: 0, amount: 0 }
          map.set(label, line)
        }
        line.count++
        line.amount += amount
      }
    }
  }

  result(): ExportStats {
    return {
      rows: this.rows,
      amount: round(this.amount),
      groups: this.layout.groups.map((g, i) => ({ title: g.title, lines: sorted(g, [...this.maps[i]!.values()]) })),
    }
  }
}

const round = (n: number) => Math.round(n * 100) / 100

function sorted(g: Grouping, lines: GroupLine[]) {
  for (const l of lines) l.amount = round(l.amount)
  if (!g.order) return lines.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'))
  // Every category of a known order is listed, even at zero: a chart by stage shows all stages.
  const known = g.order.map((label) => lines.find((l) => l.label === label) ?? { label, count: 0, amount: 0 })
  return [...known, ...lines.filter((l) => !g.order!.includes(l.label))]
}

export const groupOf = (stats: ExportStats, layout: EntityLayout, column: number) =>
  stats.groups[layout.groups.findIndex((g) => g.column === column)]!
