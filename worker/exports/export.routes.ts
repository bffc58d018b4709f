// Exports: a list as a file, directly or through the EXPORTS queue past the inline limits, and
// the requester's own background jobs. `GET /v1/exports/{file}` serves both `{entity}.{format}`
// and `{id}` (one path segment: Hono cannot tell two such routes apart).
import type { Context } from 'hono'
import type { Api, AppEnv } from '../app-env.ts'
import type { AuthUser } from '../auth/auth-user.ts'
import { apiRoute } from '../http/route.ts'
import { jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { badRequest, forbidden, notFound } from '../http/problem.ts'
import { audited, auditEvent } from '../audit/audit.ts'
import { buildExport, countRows } from './export.service.ts'
import { describeFilters, parseFilters } from './export-filters.ts'
import { createExportJob, fileKeyOf, getOwnJob, listOwnJobs, toExportJob } from './export-jobs.service.ts'
import { INLINE_ROWS } from './export-limits.ts'
import { firmName } from './firm.ts'
import {
  EXPORT_ENTITIES,
  EXPORT_FORMATS,
  ExportAccepted,
  ExportJob,
  ExportOptions,
  ExportRequest,
  FileParam,
  IdOnly,
  RESOURCE_OF,
  type ExportEntity,
  type ExportFormat,
} from './export.schema.ts'
import { z } from 'zod'

const tags = ['Exports']
const FILE = new RegExp(`^(${EXPORT_ENTITIES.join('|')})\\.(${EXPORT_FORMATS.join('|')})$`)
const fileResponse = { description: 'The file (CSV, XLSX or PDF), or 202 { id } when it runs in the background' }

type Ctx = Context<AppEnv>
const mayExport = (user: AuthUser, entity: ExportEntity) => {
  if (!user.permissions.has(`${RESOURCE_OF[entity]}:export`))
    throw forbidden("Vous n'avez pas le droit d'exporter ces données.")
}

async function enqueue(
  c: Ctx,
  user: AuthUser,
  entity: ExportEntity,
  format: ExportFormat,
  raw: Record<string, string>,
  ids?: string[],
  total?: number | null,
) {
  // The job and its entry commit together; the consumer is told once they have.
  const job = await audited(c, async (tx, audit) => {
    const job = await createExportJob(tx, user, { entity, format, filters: raw, ids })
    await audit(`${RESOURCE_OF[entity]}.export_queued`, {
      targetType: RESOURCE_OF[entity],
      targetId: job.id,
      details: { entity, format, filters: raw, ids: ids?.length, rowCount: total ?? null },
    })
    return job
  })
  await c.env.EXPORTS_QUEUE.send({ exportId: job.id })
  c.header('location', `/api/v1/exports/${job.id}`)
  return c.json({ id: job.id }, 202)
}

async function directExport(c: Ctx, entity: ExportEntity, format: ExportFormat) {
  const user = c.get('user')!
  mayExport(user, entity)
  const query = c.req.query()
  const options = ExportOptions.safeParse(query)
  if (!options.success) {
    throw badRequest(
      'Options invalides.',
      options.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    )
  }
  const { filters, raw } = parseFilters(entity, query)
  const { sep, ids } = options.data
  const db = c.get('db')
  const keep = { ...raw, ...(sep !== ';' ? { sep } : {}) }
  const total = ids?.length ?? (await countRows(db, user, entity, filters))
  if (total !== null && total > INLINE_ROWS[format]) return enqueue(c, user, entity, format, keep, ids, total)
  const built = await buildExport({
    db,
    user,
    entity,
    format,
    filters,
    ids,
    sep,
    firm: firmName(c.env),
    filtersText: format === 'pdf' ? await describeFilters(db, user, raw) : [],
    maxRows: INLINE_ROWS[format],
  })
  if (!built) return enqueue(c, user, entity, format, keep, ids, null)
  await auditEvent(c, `${RESOURCE_OF[entity]}.exported`, {
    targetType: RESOURCE_OF[entity],
    details: { entity, format, filters: raw, ids: ids?.length, rowCount: built.rowCount },
  })
  return new Response(built.body, {
    headers: {
      'content-type': built.contentType,
      'content-disposition': `attachment; filename="${built.fileName}"`,
      'cache-control': 'private, no-store',
      'x-row-count': String(built.rowCount),
    },
  })
}

export function registerExportRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/exports',
      tags,
      access: 'authenticated',
      summary: "The caller's recent background exports, newest first",
      responses: { 200: jsonResponse(z.object({ data: z.array(ExportJob) })), ...problemResponses },
    }),
    async (c) => c.json({ data: await listOwnJobs(c.get('db'), c.get('user')!) }, 200),
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/exports',
      tags,
      access: 'authenticated',
      summary: 'Start a background export of a list (its filters, or the checked ids); needs <resource>:export',
      request: jsonBody(ExportRequest),
      responses: { 202: jsonResponse(ExportAccepted, 'Queued'), ...problemResponses },
    }),
    async (c) => {
      const user = c.get('user')!
      const body = c.req.valid('json')
      mayExport(user, body.entity)
      const raw = body.filters ?? {}
      parseFilters(body.entity, raw)
      return enqueue(c as unknown as Ctx, user, body.entity, body.format, raw, body.ids) as never
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/exports/{file}',
      tags,
      access: 'authenticated',
      summary:
        '`{entity}.{csv|xlsx|pdf}?<the list filters>[&sep=,][&ids=…]`: the file ' +
        '(or 202 { id } past the inline limit; needs <resource>:export). `{id}`: a background export’s status',
      request: { params: FileParam },
      responses: {
        200: { ...fileResponse, ...jsonResponse(ExportJob) },
        202: jsonResponse(ExportAccepted, 'Queued'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { file } = c.req.valid('param')
      const match = FILE.exec(file)
      if (match) return directExport(c as unknown as Ctx, match[1] as ExportEntity, match[2] as ExportFormat) as never
      if (/\.[a-z]+$/i.test(file) && !/^[0-9a-f-]{36}$/i.test(file)) {
        throw notFound(`Export inconnu : ${file}. Entités : ${EXPORT_ENTITIES.join(', ')} ; formats : csv, xlsx, pdf.`)
      }
      return c.json(toExportJob(await getOwnJob(c.get('db'), c.get('user')!, file)), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/exports/{id}/file',
      tags,
      access: 'authenticated',
      summary: 'Download a finished background export (its requester only; 7 days)',
      request: { params: IdOnly },
      responses: { 200: { description: 'The file' }, ...problemResponses },
    }),
    async (c) => {
      const job = toExportJob(await getOwnJob(c.get('db'), c.get('user')!, c.req.valid('param').id))
      if (job.status === 'expired') throw notFound('Ce lien a expiré (7 jours) : relancez l’export.')
      if (job.status !== 'done') throw notFound('Cet export n’est pas encore prêt.')
      const object = await c.env.FILES.get(fileKeyOf(job.id, c.get('user')!.id, job.fileName!))
      if (!object) throw notFound('Ce fichier n’existe plus : relancez l’export.')
      return new Response(object.body, {
        headers: {
          'content-type': object.httpMetadata?.contentType ?? 'application/octet-stream',
          'content-disposition': `attachment; filename="${job.fileName}"`,
          'cache-control': 'private, no-store',
        },
      }) as never
    },
  )
}
