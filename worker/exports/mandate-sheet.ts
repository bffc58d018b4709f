// GET /v1/mandats/{id}.pdf, answered by the mandate detail route (Hono cannot route a suffix
// after a path parameter): the same scoped read, the mandates:export permission, an audit entry.
import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { auditEvent } from '../audit/audit.ts'
import { forbidden } from '../http/problem.ts'
import { getMandate } from '../mandates/mandate.service.ts'
import { firmName } from './firm.ts'
import { renderMandateSheet } from './mandate-sheet.pdf.ts'
import { PDF_TYPE } from './pdf-kit.ts'

export const isSheetPath = (id: string) => id.endsWith('.pdf')

export async function mandateSheetResponse(c: Context<AppEnv>, idWithSuffix: string) {
  const user = c.get('user')!
  if (!user.permissions.has('mandates:export')) throw forbidden("Vous n'avez pas le droit d'exporter ce mandat.")
  const mandate = await getMandate(c.get('db'), user, idWithSuffix.slice(0, -'.pdf'.length))
  const bytes = await renderMandateSheet(mandate, { firm: firmName(c.env), author: user.name, at: new Date() })
  await auditEvent(c, 'mandates.exported', {
    targetType: 'mandates',
    targetId: mandate.id,
    details: { format: 'pdf', sheet: true, rowCount: 1 },
  })
  return new Response(bytes as BlobPart, {
    headers: {
      'content-type': PDF_TYPE,
      'content-disposition': `inline; filename="mandat-${mandate.number}.pdf"`,
      'cache-control': 'private, no-store',
    },
  })
}
