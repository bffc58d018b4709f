// Serves one PGlite database to many Postgres clients. PGlite has a single session, so:
// - the messages of one extended-protocol exchange (Parse/Bind/Describe/Execute up to Sync) run
//   as one unit, never interleaved with another client's;
// - a client that opens a transaction keeps the session until it commits or rolls back (others
//   wait), and a client that disconnects mid-transaction is rolled back;
// - Terminate closes the connection as a real server does.
import type { PGlite } from '@electric-sql/pglite'

const SSL_REQUEST = 80877103
const CANCEL_REQUEST = 80877102
// Message types that end a unit of work: Sync, simple Query, Terminate.
const UNIT_END = new Set(['S', 'Q', 'X'])

export class SessionLock {
  private owner: object | null = null
  private waiters: (() => void)[] = []
  readonly db: PGlite
  constructor(db: PGlite) {
    this.db = db
  }

  async acquire(conn: object) {
    while (this.owner && this.owner !== conn) await new Promise<void>((r) => this.waiters.push(r))
    this.owner = conn
  }

  release(conn: object) {
    if (this.owner !== conn) return
    this.owner = null
    for (const wake of this.waiters.splice(0)) wake()
  }

  async run(conn: object, bytes: Uint8Array, write: (chunk: Uint8Array) => void) {
    await this.acquire(conn)
    try {
      // PGlite hands out a view of its WASM memory, reused for the next chunk; a socket that is
      // busy keeps the view queued rather than copying it, so a large result (a 100,000-row SELECT)
      // reached the client overwritten and the driver's parser lost its framing. Copy each chunk.
      const onRawData = (chunk: Uint8Array) => write(chunk.slice())
      await this.db.runExclusive(() => this.db.execProtocolRawStream(bytes, { onRawData }))
    } finally {
      if (!this.db.isInTransaction()) this.release(conn)
    }
  }

  async abandon(conn: object) {
    if (this.owner !== conn) return
    // exec takes PGlite's own query lock: wrapping it in runExclusive would deadlock.
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => {})
    this.release(conn)
  }
}

export class WireConnection {
  private buffer = Buffer.alloc(0)
  private unit: Buffer[] = []
  private started = false
  private chain: Promise<void> = Promise.resolve()

  private lock: SessionLock
  private write: (chunk: Uint8Array) => void
  private close: () => void

  constructor(lock: SessionLock, write: (chunk: Uint8Array) => void, close: () => void) {
    this.lock = lock
    this.write = write
    this.close = close
  }

  push(data: Buffer) {
    this.buffer = Buffer.concat([this.buffer, data])
    for (;;) {
      const message = this.next()
      if (!message) return
      this.chain = this.chain.then(() => this.handle(message)).catch(() => this.close())
    }
  }

  ended() {
    this.chain = this.chain.then(() => this.lock.abandon(this))
  }

  private next(): { type: string; bytes: Buffer } | null {
    if (!this.started) {
      if (this.buffer.length < 8) return null
      const length = this.buffer.readInt32BE(0)
      if (this.buffer.length < length) return null
      const bytes = this.buffer.subarray(0, length)
      this.buffer = this.buffer.subarray(length)
      const code = bytes.readInt32BE(4)
      if (code === SSL_REQUEST) return { type: 'ssl', bytes }
      if (code === CANCEL_REQUEST) return { type: 'cancel', bytes }
      this.started = true
      return { type: 'startup', bytes }
    }
    if (this.buffer.length < 5) return null
    const length = 1 + this.buffer.readInt32BE(1)
    if (this.buffer.length < length) return null
    const bytes = this.buffer.subarray(0, length)
    this.buffer = this.buffer.subarray(length)
    return { type: String.fromCharCode(bytes[0]!), bytes }
  }

  private async handle({ type, bytes }: { type: string; bytes: Buffer }) {
    if (type === 'ssl') return this.write(Buffer.from('N'))
    if (type === 'cancel') return this.close()
    if (type === 'startup') return this.lock.run(this, bytes, this.write)
    if (type === 'X') {
      await this.lock.abandon(this)
      return this.close()
    }
    this.unit.push(bytes)
    if (!UNIT_END.has(type)) return
    const unit = Buffer.concat(this.unit.splice(0))
    await this.lock.run(this, unit, this.write)
  }
}
