import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { cachedJson } from '../cache/list-cache.ts'
import { scopeKey } from '../permissions/scope.ts'
import { Product, ProductCreate, ProductListQuery, ProductUpdate } from './product.schema.ts'
import { createProduct, deleteProduct, getProduct, listProducts, updateProduct } from './product.service.ts'

const tags = ['Products']

export function registerProductRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/products',
      tags,
      access: 'products:read',
      summary: 'List products (filters: category, issuerId or organisationId, active, q on name or ISIN)',
      request: { query: ProductListQuery },
      responses: { 200: jsonResponse(page(Product)), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      // One catalogue for everyone, but issuer names follow the caller's scope: cached per scope.
      return c.json(
        await cachedJson(c, 'products', scopeKey(user), query, () => listProducts(c.get('db'), user, query)),
        200,
      )
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/products',
      tags,
      access: 'products:create',
      summary: 'Create a product (ISIN checked, unique)',
      request: jsonBody(ProductCreate),
      responses: { 201: jsonResponse(Product, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const product = await createProduct(c.get('db'), c.var.user, c.req.valid('json'))
      return c.json(product, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/products/{id}',
      tags,
      access: 'products:read',
      summary: 'Get a product',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Product), ...problemResponses },
    }),
    async (c) => c.json(await getProduct(c.get('db'), c.req.valid('param').id, c.var.user), 200),
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/products/{id}',
      tags,
      access: 'products:update',
      summary: 'Update a product',
      request: { params: IdParam, ...jsonBody(ProductUpdate) },
      responses: { 200: jsonResponse(Product), ...problemResponses },
    }),
    async (c) => {
      const product = await updateProduct(c.get('db'), c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(product, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/products/{id}',
      tags,
      access: 'products:delete',
      summary: 'Delete a product (to the bin)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteProduct(c.get('db'), c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
}
