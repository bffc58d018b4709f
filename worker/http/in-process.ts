// Requests the web UI's loaders and actions send to the API inside the same invocation. They are
// marked by identity (a WeakMap keyed by the Request objects), which no client can forge through
// headers, and carry their page's context: one database pool of one connection and the callers
// already resolved, so a page view costs one connection and one session look-up, not one per call
// (4-5 connections and 11-15 statements before, issue 16).
import type { Pool } from '@neondatabase/serverless'
import type { AuthUser } from '../auth/auth-user.ts'
import { closeConnection, type Db } from '../db/client.ts'
import { RequestTiming } from './server-timing.ts'

export type PageContext = {
  timing: RequestTiming
  database?: { db: Db; pool: Pool }
  // Keyed by the credential (cookie or Authorization header) the call carried.
  callers: Map<string, Promise<AuthUser | null>>
}

const inProcess = new WeakMap<Request, PageContext>()

export const newPageContext = (): PageContext => ({ timing: new RequestTiming(), callers: new Map() })

export function markInProcess(request: Request, page: PageContext = newPageContext()): Request {
  inProcess.set(request, page)
  return request
}

export const isInProcess = (request: Request) => inProcess.has(request)
export const pageContextOf = (request: Request) => inProcess.get(request)

// Once the page is rendered: its pool closes (after the response, in waitUntil).
export async function closePage(page: PageContext) {
  if (page.database) await closeConnection(page.database)
}
