// What a database failure means for the caller. Input that Postgres refused as data (a bad
// uuid, date or byte sequence that got past validation) is the caller's 400, not our 500; a
// database that cannot be reached is a 503 with Retry-After, which clears without a restart
// (each request opens its own pool). Everything is read from the error's SQLSTATE, never its text
// (it quotes the values).

// Class 22 "data exception" codes that only bad input produces. 22003 (numeric out of range) is
// left out on purpose: our own aggregates overflowing is our bug, not the caller's.
const INPUT_CODES = new Set(['22P02', '22007', '22008', '22009', '22021', '22P05', '22025', '2201B', '22001', '22023'])
// Connection exceptions, shutdown, start-up, too many connections.
const UNAVAILABLE_CODE = /^(08|57P0[1-3]|53300)/
const UNREACHABLE_TEXT = new RegExp(
  [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'Connection terminated',
    'WebSocket',
    'socket hang up',
    'Network connection lost',
    'could not connect',
    'connection (?:refused|closed|timeout)',
    // pg's client once its connection broke mid-request (the next statement of a transaction, or
    // its rollback): "… encountered a connection error and is not queryable", "… was closed and …".
    'is not queryable',
  ].join('|'),
  'i',
)

type Coded = { code?: unknown; cause?: unknown; message?: unknown; type?: unknown }

function chain(error: unknown): Coded[] {
  const out: Coded[] = []
  let cur = error
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    out.push(cur as Coded)
    cur = (cur as Coded).cause
  }
  return out
}

export const sqlState = (error: unknown) =>
  chain(error)
    .map((e) => e.code)
    .find((code): code is string => typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))

export function databaseFailure(error: unknown): 'input' | 'unavailable' | null {
  const code = sqlState(error)
  if (code) return INPUT_CODES.has(code) ? 'input' : UNAVAILABLE_CODE.test(code) ? 'unavailable' : null
  // No SQLSTATE: the connection itself failed (a socket error, or an ErrorEvent from the driver).
  const links = chain(error)
  if (links.some((e) => e.type === 'error')) return 'unavailable'
  const text = links.map((e) => String(e.message ?? '')).join(' ')
  return UNREACHABLE_TEXT.test(text) ? 'unavailable' : null
}

// For logs: what failed, never with which values. "Failed query: select … from "users" … params: …"
// becomes `select users`; the driver's own message goes only by its SQLSTATE.
export function describeForLog(error: unknown): Record<string, unknown> {
  const first = chain(error)[0]
  const message = String(first?.message ?? error)
  const query = /^Failed query: (\w+)[\s\S]*?\b(?:from|into|update)\s+"?(\w+)"?/i.exec(message)
  return {
    error: error instanceof Error ? error.name : typeof error,
    statement: query ? `${query[1]!.toLowerCase()} ${query[2]}` : undefined,
    sqlState: sqlState(error),
    message: /^Failed query/.test(message) ? undefined : message.slice(0, 200),
  }
}
