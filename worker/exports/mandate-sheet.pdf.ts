// The mandate sheet: one A4 page a distributor signs — number, organisation, products with
// their ISIN, status, dates, amount, notes, and a signature block for both parties.
import { rgb } from 'pdf-lib'
import { labels } from '../../app/i18n/fr.ts'
import type { MandateDto } from '../mandates/mandate.service.ts'
import { euros, frenchDate, longDate } from './export-format.ts'
import { A4, ACCENT, INK, MARGIN, MUTED, RULE, drawFooters, drawTable, fitText, newDocument } from './pdf-kit.ts'

export async function renderMandateSheet(m: MandateDto, meta: { firm: string; author: string; at: Date }) {
  const title = `Mandat de distribution ${m.number}`
  const doc = await newDocument(title, meta.author)
  const newPage = () => doc.pdf.addPage([A4.width, A4.height])
  const page = newPage()
  let y = A4.height - MARGIN
  const draw = (s: string, x: number, size: number, bold = false, colour = INK) =>
    page.drawText(fitText(s, bold ? doc.bold : doc.font, size, A4.width - MARGIN - x), {
      x,
      y,
      size,
      font: bold ? doc.bold : doc.font,
      color: colour,
    })

  draw(meta.firm, MARGIN, 10, true, ACCENT)
  y -= 34
  draw('Mandat de distribution', MARGIN, 20, true)
  y -= 22
  draw(`N° ${m.number} · ${labels.mandateStatus[m.status]}`, MARGIN, 12, false, MUTED)
  y -= 30
  const date = (iso: string | null) => (iso ? frenchDate(new Date(iso)) : '—')
  const fields: [string, string][] = [
    ['Organisation', m.organisationName ?? '—'],
    ['Statut', labels.mandateStatus[m.status]],
    ['Date de début', date(m.startDate)],
    ['Date de fin', date(m.endDate)],
    ['Signé le', date(m.signedAt)],
    ['Montant', m.amount == null ? '—' : euros(Number(m.amount), true)],
    ['Responsable', m.ownerName ?? '—'],
  ]
  for (const [label, value] of fields) {
    draw(label, MARGIN, 10, false, MUTED)
    draw(value, MARGIN + 130, 10, true)
    y -= 18
  }
  y -= 10
  draw('Produits couverts', MARGIN, 12, true)
  y -= 8
  const after = drawTable(
    m.products.length ? m.products.map((p) => [p.name, p.isin]) : [['Aucun produit rattaché', '']],
    {
      doc,
      page,
      y,
      newPage,
      size: 9,
      columns: [
        { header: 'Produit', width: 355 },
        { header: 'Code ISIN', width: 160 },
      ],
    },
  )
  let sy = after.y - 24
  const sp = after.page
  if (m.notes) {
    sp.drawText('Notes', { x: MARGIN, y: sy, size: 11, font: doc.bold, color: INK })
    sy -= 14
    for (const line of m.notes.split('\n').slice(0, 8)) {
      sp.drawText(fitText(line, doc.font, 9, A4.width - 2 * MARGIN), {
        x: MARGIN,
        y: sy,
        size: 9,
        font: doc.font,
        color: INK,
      })
      sy -= 12
    }
    sy -= 10
  }
  // The signature block stays whole: it moves to a new page rather than split.
  const block = sy < 190 ? { page: newPage(), y: A4.height - MARGIN - 20 } : { page: sp, y: sy }
  const half = (A4.width - 2 * MARGIN - 20) / 2
  block.page.drawText('Fait à ____________________, le ____ / ____ / ________', {
    x: MARGIN,
    y: block.y,
    size: 10,
    font: doc.font,
    color: INK,
  })
  for (const [i, who] of [meta.firm, m.organisationName ?? '—'].entries()) {
    const x = MARGIN + i * (half + 20)
    const top = block.y - 24
    block.page.drawText(fitText(`Pour ${who}`, doc.bold, 10, half), { x, y: top, size: 10, font: doc.bold, color: INK })
    block.page.drawText('Nom, qualité et signature', { x, y: top - 14, size: 8, font: doc.font, color: MUTED })
    block.page.drawRectangle({
      x,
      y: top - 110,
      width: half,
      height: 88,
      borderColor: RULE,
      borderWidth: 1,
      color: rgb(1, 1, 1),
    })
  }
  drawFooters(doc, `${meta.firm} · ${title} · édité le ${longDate(meta.at)}`)
  return doc.pdf.save({ useObjectStreams: true })
}
