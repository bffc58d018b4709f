// The Neon driver speaks Postgres over a WebSocket. This gives it a TCP socket (cloudflare:sockets)
// behind the part of the WebSocket surface it uses (binaryType, the open/message/error/close events,
// send, close), for a database the Worker reaches by TCP (DB_SOCKET=tcp): Hyperdrive, or any local
// Postgres (decision 009 has the figures). Only the Worker registers it (worker/index.ts): Node has
// no cloudflare:sockets.
import { connect } from 'cloudflare:sockets'

type Listener = (event: { data?: ArrayBuffer }) => void

export class TcpWebSocket {
  binaryType = 'arraybuffer'
  private listeners = new Map<string, Listener[]>()
  private socket: Socket
  private writer: WritableStreamDefaultWriter<Uint8Array>
  // closing: close() was called, nothing more reaches the driver but the close event;
  // closed: that event was sent (once).
  private closing = false
  private closed = false

  // The driver builds "ws://" + neonConfig.wsProxy(host, port): here "ws://host:port".
  constructor(url: string) {
    const { hostname, port } = new URL(url.replace(/^wss?:/, 'http:'))
    this.socket = connect({ hostname, port: Number(port) || 5432 })
    this.writer = this.socket.writable.getWriter()
    this.socket.opened
      .then(() => {
        if (this.closing) return
        this.emit('open')
        void this.read()
      })
      .catch(() => this.fail())
    // A refused or dropped connection is reported through the events; its promise must not go unhandled.
    this.socket.closed.catch(() => {})
  }

  private async read() {
    const reader = this.socket.readable.getReader()
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done || this.closing) break
        // The driver wraps event.data in a Buffer without copying: hand it bytes of its own.
        const chunk = value as Uint8Array
        const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
        const data = whole ? chunk.buffer : chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength)
        this.emit('message', { data: data as ArrayBuffer })
      }
    } catch {
      return this.fail()
    }
    this.end()
  }

  private fail() {
    if (this.closed) return
    this.socket.close().catch(() => {})
    this.emit('error')
    this.end()
  }

  private end() {
    if (this.closed) return
    this.closed = true
    this.emit('close')
  }

  private emit(type: string, event: { data?: ArrayBuffer } = {}) {
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }

  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  send(data: Uint8Array) {
    this.writer.write(data).catch(() => this.fail())
  }

  // As a WebSocket's, the close event comes later, never within close(): the driver's end() only
  // listens for it after asking to close, and would wait for ever otherwise. Writes already queued
  // (the driver's Terminate) go out first.
  close() {
    if (this.closing) return
    this.closing = true
    this.writer
      .close()
      .catch(() => {})
      .finally(() => {
        this.socket.close().catch(() => {})
        this.end()
      })
  }
}
