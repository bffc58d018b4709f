import type { Api } from '../app-env.ts'
import { apiRoute } from '../http/route.ts'
import { IdParam, jsonBody, jsonResponse, page, problemResponses } from '../http/common-schemas.ts'
import { cachedJson } from '../cache/list-cache.ts'
import { scopeKey } from '../permissions/scope.ts'
import { Task, TaskCreate, TaskListQuery, TaskUpdate } from './task.schema.ts'
import { createTask, deleteTask, getTask, listTasks, updateTask } from './task.service.ts'

const tags = ['Tasks']

export function registerTaskRoutes(api: Api) {
  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/tasks',
      tags,
      access: 'tasks:read',
      summary: 'List tasks; mine=true gives my tasks, overdue first then by due date',
      request: { query: TaskListQuery },
      responses: { 200: jsonResponse(page(Task)), ...problemResponses },
    }),
    async (c) => {
      const user = c.var.user
      const query = c.req.valid('query')
      // "mine" depends on the caller, not only on their scope.
      const key = query.mine === 'true' ? `user:${user.id}` : scopeKey(user)
      return c.json(await cachedJson(c, 'tasks', key, query, () => listTasks(c.get('db'), user, query)), 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'post',
      path: '/v1/tasks',
      tags,
      access: 'tasks:create',
      summary: 'Create a task (assigned to the author unless assigneeId is given)',
      request: jsonBody(TaskCreate),
      responses: { 201: jsonResponse(Task, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const task = await createTask(c.get('db'), c.var.user, c.req.valid('json'))
      return c.json(task, 201)
    },
  )

  api.openapi(
    apiRoute({
      method: 'get',
      path: '/v1/tasks/{id}',
      tags,
      access: 'tasks:read',
      summary: 'Get a task',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Task), ...problemResponses },
    }),
    async (c) => c.json(await getTask(c.get('db'), c.var.user, c.req.valid('param').id), 200),
  )

  api.openapi(
    apiRoute({
      method: 'patch',
      path: '/v1/tasks/{id}',
      tags,
      access: 'tasks:update',
      summary: 'Update a task; status DONE completes it, a new assigneeId reassigns it',
      request: { params: IdParam, ...jsonBody(TaskUpdate) },
      responses: { 200: jsonResponse(Task), ...problemResponses },
    }),
    async (c) => {
      const task = await updateTask(c.get('db'), c.var.user, c.req.valid('param').id, c.req.valid('json'))
      return c.json(task, 200)
    },
  )

  api.openapi(
    apiRoute({
      method: 'delete',
      path: '/v1/tasks/{id}',
      tags,
      access: 'tasks:delete',
      summary: 'Delete a task (to the bin)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteTask(c.get('db'), c.var.user, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
}
