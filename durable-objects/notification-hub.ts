// One hub per user: holds that user's open sockets and nothing else. Notifications are stored in
// Postgres before they are pushed, so a hub losing its sockets loses no notification: a client
// that reconnects sends {"resumeFrom": <last seq>} and the hub replays the rest from Postgres.
// Uses WebSocket hibernation so idle tabs cost nothing; "ping" is answered by the runtime's
// auto-response without waking the object.
import { DurableObject } from 'cloudflare:workers'
import { withDb } from '../worker/db/client.ts'
import type { Env } from '../worker/env.ts'
import { listNotifications, type NotificationDto } from '../worker/notifications/notification.service.ts'
import { HUB_SESSION_HEADER, HUB_USER_HEADER } from '../worker/notifications/notification-ws.routes.ts'

// Survives hibernation with the socket. `seq`: the last sequence its replay sent (-1: none yet).
type Attachment = { userId: string; sessionId: string; seq: number }
type Pushed = { type: 'notification'; notification: NotificationDto }
const REPLAY_PAGE = 100

export class NotificationHub extends DurableObject<Env> {
  // Sockets replaying from Postgres: live notifications wait here so the order stays by seq.
  private resuming = new Map<WebSocket, Pushed[]>()

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
  }

  async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 })
    }
    const { 0: client, 1: server } = new WebSocketPair()
    this.ctx.acceptWebSocket(server)
    const attachment: Attachment = {
      userId: request.headers.get(HUB_USER_HEADER) ?? '',
      sessionId: request.headers.get(HUB_SESSION_HEADER) ?? '',
      seq: -1, // nothing sent yet: live pushes go through until the client asks to resume
    }
    server.serializeAttachment(attachment)
    server.send(JSON.stringify({ type: 'hello', connections: this.ctx.getWebSockets().length }))
    return new Response(null, { status: 101, webSocket: client })
  }

  // Called after commit by the events consumer, notifyUser() and the read/archive routes;
  // answers how many sockets received the message.
  async push(message: unknown): Promise<number> {
    let delivered = 0
    const text = JSON.stringify(message) // once, not once per socket
    for (const ws of this.ctx.getWebSockets()) {
      if (this.sendTo(ws, message, text)) delivered++
    }
    return delivered
  }

  // Signing out closes the session's sockets at once: the listed sessions, or every session
  // but `except` (a password change keeps the current one), or all of them.
  async closeSessions(only?: string[] | null, except?: string): Promise<number> {
    let closed = 0
    for (const ws of this.ctx.getWebSockets()) {
      const session = (ws.deserializeAttachment() as Attachment | null)?.sessionId ?? ''
      if (only && !only.includes(session)) continue
      if (except && session === except) continue
      ws.close(4001, 'session ended')
      closed++
    }
    return closed
  }

  connections(): number {
    return this.ctx.getWebSockets().length
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === 'ping') return void ws.send('pong')
    let body: unknown
    try {
      body = JSON.parse(typeof message === 'string' ? message : new TextDecoder().decode(message))
    } catch {
      return void ws.send(JSON.stringify({ type: 'error', detail: 'Message JSON attendu.' }))
    }
    const from = (body as { resumeFrom?: unknown })?.resumeFrom
    if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
      return void ws.send(JSON.stringify({ type: 'error', detail: 'resumeFrom doit être un entier positif.' }))
    }
    await this.resume(ws, from)
  }

  async webSocketClose(ws: WebSocket, code: number) {
    this.resuming.delete(ws)
    // Answer the close with its code when it may be sent (1005, 1006, 1015 only describe how a
    // socket ended; sending them throws); a socket already gone throws too, which is no error.
    const sendable =
      [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011].includes(code) || (code >= 3000 && code < 5000)
    try {
      ws.close(sendable ? code : 1000, 'closing')
    } catch {}
  }

  private sendTo(ws: WebSocket, message: unknown, text = JSON.stringify(message)): boolean {
    const m = message as Pushed
    try {
      if (m?.type === 'notification' && typeof m.notification?.seq === 'number') {
        const pending = this.resuming.get(ws)
        if (pending) {
          pending.push(m)
          return true
        }
        // Already sent by the replay. Live pushes are not compared with each other: the events
        // consumer handles several events at once, so a later sequence may be pushed first.
        const a = ws.deserializeAttachment() as Attachment
        if (a.seq >= 0 && m.notification.seq <= a.seq) return false
      }
      ws.send(text)
      return true
    } catch {
      ws.close(1011, 'send failed')
      return false
    }
  }

  // Replays every notification after `from`, oldest first, then whatever arrived meanwhile,
  // each sequence number once.
  private async resume(ws: WebSocket, from: number) {
    const a = ws.deserializeAttachment() as Attachment
    this.resuming.set(ws, [])
    let last = from
    let replayed = 0
    let failed = false
    try {
      await withDb(this.env, async (db) => {
        for (;;) {
          const page = await listNotifications(db, a.userId, { since: last, limit: REPLAY_PAGE })
          for (const n of page.data) {
            ws.send(JSON.stringify({ type: 'notification', notification: n, replay: true }))
            last = n.seq
            replayed++
          }
          if (page.data.length < REPLAY_PAGE) return
        }
      })
    } catch {
      // The client is told, and resumes again after its reconnection backoff.
      failed = true
    }
    const pending = this.resuming.get(ws) ?? []
    this.resuming.delete(ws)
    // A tab closed during its replay: nobody to finish it for (sending would throw).
    if (ws.readyState !== 1) return // 1: OPEN
    try {
      // After a failed replay nothing newer is sent: the client would skip the gap.
      for (const m of failed ? [] : pending.sort((x, y) => x.notification.seq - y.notification.seq)) {
        if (m.notification.seq <= last) continue
        ws.send(JSON.stringify(m))
        last = m.notification.seq
      }
      ws.serializeAttachment({ ...a, seq: last })
      ws.send(JSON.stringify(failed ? { type: 'resume_failed', seq: last } : { type: 'resumed', seq: last, replayed }))
    } catch {
      // Closed between the check and a send: the client resumes again when it reconnects.
    }
  }
}
