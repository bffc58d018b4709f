import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { BinItem, BinListQuery, BinParams, BinRestored, type BinType } from './bin.schema.ts'
import { listBin, restoreFromBin } from './bin.service.ts'
import { audited } from '../audit/audit.ts'

const tags = ['Bin']

// Admins only: the bin spans every team.
export function registerBinRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/bin',
      tags,
      access: 'settings:manage',
      summary: 'Deleted records still restorable (30 days), most recently deleted first',
      request: { query: BinListQuery },
      responses: { 200: jsonResponse(page(BinItem)), ...problemResponses },
    }),
    async (c) => c.json(await listBin(c.get('db'), c.req.valid('query')), 200),
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/bin/{type}/{id}/restore',
      tags,
      access: 'settings:manage',
      invalidates: (c) => [c.req.param('type') as BinType],
      summary: 'Restore a deleted record (its organisation first, for a child record)',
      request: { params: BinParams },
      responses: {
        200: jsonResponse(BinRestored),
        ...problemResponses,
        409: {
          description: 'Its organisation is still in the bin',
          content: {
            'application/problem+json': { schema: problemResponses[400].content['application/problem+json'].schema },
          },
        },
      },
    }),
    async (c) => {
      const { type, id } = c.req.valid('param')
      const restored = await audited(c, async (tx, audit) => {
        const restored = await restoreFromBin(tx, c.var.user, type, id)
        await audit('bin.restored', { targetType: type, targetId: id })
        return restored
      })
      return c.json(restored, 200)
    },
  )
}
