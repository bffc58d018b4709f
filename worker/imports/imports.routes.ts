// /api/v1/imports: templates, upload, dry run, start, progress, report, undo, history.
import type { Api } from '../app-env.ts'
import { audit, auditEvent } from '../audit/audit.ts'
import { apiRoute } from '../http/route.ts'
import type { Tx } from '../shared/tx.ts'
import { IdParam, jsonBody, jsonResponse, problemResponses } from '../http/common-schemas.ts'
import { badRequest, HttpProblem, notFound, problem } from '../http/problem.ts'
import { FileRefused, MAX_FILE_BYTES } from './file-limits.ts'
import { requireFiles } from './import-purge.ts'
import { importReport } from './import-report.ts'
import { requestRevert } from './import-revert.ts'
import { csvTemplate, xlsxTemplate } from './import-templates.ts'
import {
  createImport,
  dryRun,
  enqueueRun,
  getImport,
  getImportRow,
  listImports,
  requireImportPermission,
  startImport,
} from './import.service.ts'
import {
  DryRunResult,
  ImportCreated,
  ImportDetail,
  ImportEntitySchema,
  ImportList,
  ImportRun,
  TemplateParam,
} from './import.schema.ts'
import { XLSX_TYPE } from './xlsx-writer.ts'

const tags = ['Imports']
// Multipart framing around a 20 MB file stays far below this.
const MAX_REQUEST_BYTES = MAX_FILE_BYTES + 64 * 1024
const refused = (e: unknown) =>
  e instanceof FileRefused ? new HttpProblem(problem(e.status, e.message, { type: '/problems/import-file' })) : e
const auditEntry = (id: string, entity: string, fileName: string, details: Record<string, unknown> = {}) => ({
  targetType: 'import',
  targetId: id,
  details: { entity, fileName, ...details },
})
const fileResponse = { 200: { description: 'File' }, ...problemResponses }

export function registerImportRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/imports/templates/{file}',
      tags,
      access: 'organisations:import',
      summary: 'Template organisations.csv, organisations.xlsx, people.csv or people.xlsx',
      request: { params: TemplateParam },
      responses: fileResponse,
    }),
    async (c) => {
      const [entity, ext] = c.req.valid('param').file.split('.')
      const parsed = ImportEntitySchema.safeParse(entity)
      if (!parsed.success || (ext !== 'csv' && ext !== 'xlsx')) throw notFound('Modèle inconnu.')
      const name = `modele-import-${parsed.data === 'people' ? 'personnes' : 'organisations'}.${ext}`
      const body = ext === 'csv' ? csvTemplate(parsed.data) : await xlsxTemplate(parsed.data)
      return c.body(body instanceof Blob ? await body.arrayBuffer() : body, 200, {
        'content-type': ext === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
        'content-disposition': `attachment; filename="${name}"`,
      })
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/imports',
      tags,
      access: 'organisations:import',
      // Records are written in the background; the run invalidates the lists it changed.
      invalidates: [],
      summary:
        'Upload a .csv or .xlsx file (multipart: file, entity, optional sheet); answers the mapping and a preview',
      responses: { 201: jsonResponse(ImportCreated, 'Uploaded'), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      if (Number(c.req.header('content-length') ?? 0) > MAX_REQUEST_BYTES) {
        throw new HttpProblem(problem(413, 'Fichier trop volumineux (20 Mo au maximum).'))
      }
      if (!c.req.header('content-type')?.startsWith('multipart/form-data')) {
        throw badRequest('Envoyez le fichier en multipart/form-data (champs file et entity).')
      }
      const form = await c.req.parseBody()
      const entity = ImportEntitySchema.safeParse(form.entity)
      if (!entity.success)
        throw badRequest('Données invalides.', [{ path: 'entity', message: entity.error.issues[0]!.message }])
      requireImportPermission(user, entity.data)
      const file = form.file
      if (!(file instanceof File))
        throw badRequest('Données invalides.', [{ path: 'file', message: 'Choisissez un fichier.' }])
      const sheet = typeof form.sheet === 'string' && form.sheet ? form.sheet : undefined
      // The import's row and its audit entry commit together (the file is in R2 by then).
      const record = (tx: Tx, { id, rowCount }: { id: string; rowCount: number }) =>
        audit(c, 'import.uploaded', auditEntry(id, entity.data, file.name, { rowCount }), tx)
      const created = await createImport(c.get('db'), c.env, user, entity.data, file, record, sheet).catch((e) => {
        throw refused(e)
      })
      return c.json(created, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/imports',
      tags,
      access: 'authenticated',
      summary: 'The caller’s imports, newest first (admins: everyone’s)',
      responses: { 200: jsonResponse(ImportList), ...problemResponses },
    }),
    async (c) => c.json(await listImports(c.get('db'), c.var.user), 200),
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/imports/{id}',
      tags,
      access: 'organisations:import',
      summary: 'Status, progress, counts and the first errors of an import',
      request: { params: IdParam },
      responses: { 200: jsonResponse(ImportDetail), ...problemResponses },
    }),
    async (c) => c.json(await getImport(c.get('db'), c.var.user, c.req.valid('param').id), 200),
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/imports/{id}/dry-run',
      tags,
      access: 'organisations:import',
      invalidates: [],
      summary: 'What the import would do with this mapping and mode; writes nothing',
      request: { params: IdParam, ...jsonBody(ImportRun) },
      responses: { 200: jsonResponse(DryRunResult), ...problemResponses },
    }),
    async (c) =>
      c.json(await dryRun(c.get('db'), c.env, c.var.user, c.req.valid('param').id, c.req.valid('json')), 200),
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/imports/{id}/start',
      tags,
      access: 'organisations:import',
      invalidates: [],
      summary: 'Start the import in the background (progress over the notifications WebSocket)',
      request: { params: IdParam, ...jsonBody(ImportRun) },
      responses: {
        202: jsonResponse(ImportDetail.omit({ errors: true, fields: true }), 'Started'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id
      const body = c.req.valid('json')
      const started = await startImport(c.get('db'), c.env, c.var.user, id, body, (tx, row) =>
        audit(c, 'import.started', auditEntry(id, row.entity, row.fileName, { mode: body.mode }), tx),
      )
      await enqueueRun(c.env, id)
      return c.json(started, 202)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/imports/{id}/report.xlsx',
      tags,
      access: 'organisations:import',
      summary: 'The Excel report: every row of the file with its outcome',
      request: { params: IdParam },
      responses: fileResponse,
    }),
    async (c) => {
      const imp = await getImportRow(c.get('db'), c.var.user, c.req.valid('param').id)
      requireFiles(imp)
      const blob = await importReport(c.get('db'), c.env, imp)
      const base = imp.fileName.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_')
      return c.body(await blob.arrayBuffer(), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="rapport-${base}.xlsx"`,
      })
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/imports/{id}/revert',
      tags,
      access: 'organisations:import',
      invalidates: [],
      summary: 'Undo: created records to the bin, updated fields restored (records changed since are listed)',
      request: { params: IdParam },
      responses: {
        202: jsonResponse(ImportDetail.omit({ errors: true, fields: true }), 'Accepted'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const user = c.var.user
      const id = c.req.valid('param').id
      await requestRevert(c.get('db'), c.env, user, id, (row) =>
        auditEvent(c, 'import.revert_requested', auditEntry(id, row.entity, row.fileName)),
      )
      const { errors: _e, fields: _f, ...detail } = await getImport(c.get('db'), user, id)
      return c.json(detail, 202)
    },
  )
}
