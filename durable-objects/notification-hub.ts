// One hub per user: holds that user's open sockets and nothing else. Notifications are stored in
// Postgres before they are pushed, so a hub losing its sockets loses no notification.
// Uses WebSocket hibernation so idle tabs cost nothing.
import { DurableObject } from 'cloudflare:workers'

export class NotificationHub extends DurableObject {
  async fetch(request: Request): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected a WebSocket upgrade', { status: 426 })
    }
    const { 0: client, 1: server } = new WebSocketPair()
    this.ctx.acceptWebSocket(server)
    server.send(JSON.stringify({ type: 'hello', connections: this.ctx.getWebSockets().length }))
    return new Response(null, { status: 101, webSocket: client })
  }

  // Called by the events consumer; answers how many sockets received the message.
  async push(message: unknown): Promise<number> {
    const data = JSON.stringify(message)
    let delivered = 0
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(data)
        delivered++
      } catch {
        ws.close(1011, 'send failed')
      }
    }
    return delivered
  }

  connections(): number {
    return this.ctx.getWebSockets().length
  }

  async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer) {
    if (message === 'ping') ws.send('pong')
  }

  async webSocketClose(ws: WebSocket, code: number) {
    ws.close(code === 1005 ? 1000 : code, 'closing')
  }
}
