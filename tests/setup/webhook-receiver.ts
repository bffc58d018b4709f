// A real HTTP receiver for webhook tests: records every request (headers, raw body, time) and
// answers as each path's behaviour says (status, headers, delay). Verifies nothing itself: the
// tests check signatures with the official `standardwebhooks` package.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'

export type Received = { path: string; headers: Record<string, string>; body: string; at: number; status: number }
export type Behaviour = (count: number) => {
  status?: number
  headers?: Record<string, string>
  delayMs?: number
  body?: string
}

export class WebhookReceiver {
  received: Received[] = []
  private behaviours = new Map<string, Behaviour>()
  private server: Server | undefined
  port = 0
  // Test-steering requests (paths under /__control/), when set.
  control?: (path: string, method: string, body: string) => Promise<unknown>

  on(path: string, behaviour: Behaviour) {
    this.behaviours.set(path, behaviour)
    return this
  }

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`
  }

  at(path: string) {
    return this.received.filter((r) => r.path === path)
  }

  async start(port = 0) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', async () => {
        const path = req.url ?? '/'
        if (path.startsWith('/__control/') && this.control) {
          const answer = await this.control(path, req.method ?? 'GET', Buffer.concat(chunks).toString('utf8'))
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(JSON.stringify(answer))
          return
        }
        const answer = this.behaviours.get(path)?.(this.at(path).length + 1) ?? {}
        this.received.push({
          path,
          headers: flat(req.headers),
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
          status: answer.status ?? 200,
        })
        setTimeout(() => {
          res.writeHead(answer.status ?? 200, { 'content-type': 'text/plain', ...answer.headers })
          res.end(answer.body ?? 'ok')
        }, answer.delayMs ?? 0)
      })
    })
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve))
    this.port = (this.server.address() as { port: number }).port
    return this
  }

  async stop() {
    this.server?.closeAllConnections()
    await new Promise((resolve) => this.server?.close(resolve))
  }
}

const flat = (h: IncomingHttpHeaders) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]))
