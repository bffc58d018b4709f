// The fuzzer: plans hostile requests for every operation of /api/openapi.json, sends them as an
// admin, a sales user and anonymously, and judges each answer. A route added tomorrow is in the
// spec, so it is fuzzed tomorrow without anyone listing it here.
import { Caller, makeFixtures, pathValue, type Role } from './fixtures.ts'
import { bodyHostiles, FIELD_CLASSES, isDateLike, type BodyHostile, type Hostile } from './hostile.ts'
import { fieldPaths, operationsOf, schemaAt, setAt, validValue, type Ids, type Operation } from './openapi-ops.ts'

type Target = { kind: 'path' | 'query'; name: string } | { kind: 'body'; path: (string | number)[] }
export type Case = { op: Operation; role: Role; cls: string; target?: Target; hostile: Hostile | BodyHostile }
export type Verdict = '5xx' | 'not-problem' | 'internals' | 'wrong-2xx' | 'no-answer'
export type Finding = { verdict: Verdict; status: number; request: string; response: string }
export type Report = {
  requests: number
  statuses: Record<string, number>
  findings: Finding[]
  counts: Record<Verdict, number>
}

// Anything naming the database, the ORM or the code's files in an answer tells an attacker too much.
const INTERNALS = new RegExp(
  [
    'drizzle|postgres|pglite|neon|sqlstate|syntax error|violates',
    'relation "|column "|node_modules',
    String.raw`\.ts:\d+|\n\s+at \S+ \(|failed query`,
  ].join('|'),
  'i',
)

export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function targetsOf(op: Operation): Target[] {
  return [
    ...op.params
      .filter((p) => p.in === 'path' || p.in === 'query')
      .map((p) => ({ kind: p.in, name: p.name }) as Target),
    ...fieldPaths(op.body).map((path) => ({ kind: 'body', path }) as Target),
  ]
}

const targetName = (t: Target) => (t.kind === 'body' ? String(t.path.at(-1)) : t.name)
const targetSchema = (op: Operation, t: Target) =>
  t.kind === 'body' ? schemaAt(op.body, t.path) : (op.params.find((p) => p.name === t.name)?.schema ?? {})

// The fields a class is aimed at first (cursors at `cursor`, dates at date fields, ...).
const PREFERS: Record<string, (name: string, op: Operation, t: Target) => boolean> = {
  cursor: (n) => n === 'cursor',
  uuid: (n, op, t) => targetSchema(op, t).format === 'uuid' || /Ids?$|^id$/.test(n),
  date: (n, op, t) => isDateLike(n, targetSchema(op, t)),
  enum: (_n, op, t) => Boolean(targetSchema(op, t).enum),
  likeSql: (n) => /^(q|name|to|actor|action|city|search)$/.test(n),
  limits: (n) => /amount|limit|days|^name$/i.test(n),
}

const isSessionEnding = (op: Operation) =>
  /\/auth\/(logout|logout-all)$/.test(op.path) || (op.method === 'DELETE' && op.path.includes('/auth/sessions/'))

export function plan(ops: Operation[], mode: 'sample' | 'campaign', seed = 1, perOp = 300): Case[] {
  const random = rng(seed)
  const pick = <T>(xs: T[], i?: number) => xs[i === undefined ? Math.floor(random() * xs.length) : i % xs.length]!
  const cases: Case[] = []
  const classes = [...Object.keys(FIELD_CLASSES), 'body']
  // Deletions last, so the run's records live while the other routes are attacked.
  const ordered = [...ops].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'))
  for (const op of ordered) {
    const targets = targetsOf(op)
    const roles: Role[] = op.access === 'public' ? ['anonymous', 'admin', 'sales'] : ['admin', 'sales']
    const one = (cls: string, i?: number, role?: Role): Case | undefined => {
      const chosenRole = role ?? pick(roles, i)
      if (cls === 'body') {
        if (!op.body) return undefined
        return { op, role: chosenRole, cls, hostile: pick(bodyHostiles(validValue('', op.body, {})), i) }
      }
      if (!targets.length) return undefined
      const preferred = targets.filter((t) => PREFERS[cls]?.(targetName(t), op, t))
      const pool = preferred.length && (mode === 'sample' || random() < 0.7) ? preferred : targets
      const target = pick(pool, i)
      const values = FIELD_CLASSES[cls]!(targetName(target), targetSchema(op, target))
      return { op, role: chosenRole, cls, target, hostile: pick(values, i === undefined ? undefined : i * 7 + 3) }
    }
    if (mode === 'sample') {
      classes.forEach((cls, i) => {
        const c = one(cls, i)
        if (c) cases.push(c)
      })
      // Every operation once anonymously, with its first hostile value.
      const anon = one(op.body ? 'body' : 'nul', 0, 'anonymous') ?? one('body', 0, 'anonymous')
      cases.push(anon ?? { op, role: 'anonymous', cls: 'none', hostile: { label: 'no input' } })
    } else {
      // An operation with no input at all is only sent a few times per role.
      const count = targets.length || op.body ? perOp : 2 * roles.length + 2
      for (let n = 0; n < count; n++) {
        const role: Role = random() < 0.1 ? 'anonymous' : pick(roles)
        const c = one(pick(classes), undefined, role) ?? one('body', undefined, role)
        cases.push(c ?? { op, role, cls: 'none', hostile: { label: 'no input' } })
      }
    }
  }
  return cases
}

const PLACEHOLDER = '\u{10FFFF}'
function swapPlaceholder(json: string, bytes: Buffer) {
  const [before, after = ''] = json.split(PLACEHOLDER)
  return Buffer.concat([Buffer.from(before!), bytes, Buffer.from(after)])
}

const enc = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))

export function buildRequest(c: Case, ids: Ids) {
  const t = c.target
  const h = c.hostile as Hostile
  const text = (v: unknown, raw?: string) => raw ?? enc(v)
  const path = c.op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    t?.kind === 'path' && t.name === name ? text(h.value, h.raw) : encodeURIComponent(pathValue(c.op, name, ids)),
  )
  const query = t?.kind === 'query' ? `?${t.name}=${text(h.value, h.raw)}` : ''
  let body: string | Uint8Array | undefined
  let contentType: string | undefined
  if (c.cls === 'body') {
    const bh = c.hostile as BodyHostile
    body = bh.bytes
    contentType = bh.contentType
  } else if (c.op.body) {
    const valid = validValue('', c.op.body, ids)
    // Bytes that are not UTF-8 cannot be a JS string: a placeholder is swapped for them.
    const bytes =
      h.value === undefined && h.raw
        ? Buffer.from(
            decodeURIComponent(h.raw.replace(/%/g, '%25')).replace(/%([0-9A-F]{2})/g, (_m, x) =>
              String.fromCharCode(Number.parseInt(x, 16)),
            ),
            'latin1',
          )
        : undefined
    if (t?.kind === 'body') setAt(valid, t.path, bytes ? PLACEHOLDER : h.value)
    const json = JSON.stringify(valid)
    body = bytes ? swapPlaceholder(json, bytes) : json
    contentType = 'application/json'
  }
  return { method: c.op.method, path: path + query, body, contentType }
}

const short = (s: string | Uint8Array | undefined, n = 240) =>
  s === undefined
    ? ''
    : typeof s === 'string'
      ? s.length > n
        ? `${s.slice(0, n)}…(${s.length})`
        : s
      : `<${s.length} bytes>`

export async function runFuzz(
  base: string,
  {
    mode,
    seed = 1,
    perOp = 300,
    concurrency = 4,
    log = (_: string) => {},
  }: {
    mode: 'sample' | 'campaign'
    seed?: number
    perOp?: number
    concurrency?: number
    log?: (line: string) => void
  },
): Promise<Report> {
  const ipRandom = rng(seed + 7)
  const ip = () =>
    `10.${Math.floor(ipRandom() * 250)}.${Math.floor(ipRandom() * 250)}.${1 + Math.floor(ipRandom() * 250)}`
  const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as Parameters<typeof operationsOf>[0]
  const ops = operationsOf(spec)
  const callers = {
    admin: new Caller(base, 'admin', ip),
    sales: new Caller(base, 'sales', ip),
    anonymous: new Caller(base, 'anonymous', ip),
  }
  // Sign-out routes (sign out everywhere included) get users of their own, so the run's main
  // sessions survive them.
  const disposable = { admin: new Caller(base, 'admin', ip), sales: new Caller(base, 'sales', ip) }
  await callers.admin.signIn()
  await callers.sales.signIn()
  const ids = await makeFixtures(callers.admin, callers.sales, ops)
  const cases = plan(ops, mode, seed, perOp)
  log(`${ops.length} operations, ${cases.length} requests planned`)
  const report: Report = {
    requests: 0,
    statuses: {},
    findings: [],
    counts: { '5xx': 0, 'not-problem': 0, internals: 0, 'wrong-2xx': 0, 'no-answer': 0 },
  }
  const judge = (
    c: Case,
    req: ReturnType<typeof buildRequest>,
    res: { status: number; contentType: string; text: string },
  ) => {
    report.requests++
    report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1
    const verdicts: Verdict[] = []
    if (res.status === 0) verdicts.push('no-answer')
    if (res.status >= 500) verdicts.push('5xx')
    if (res.status >= 400 && !res.contentType.startsWith('application/problem+json')) verdicts.push('not-problem')
    if (INTERNALS.test(res.text)) verdicts.push('internals')
    if (res.status < 300 && c.hostile.mustRefuse) verdicts.push('wrong-2xx')
    for (const verdict of verdicts) {
      report.counts[verdict]++
      report.findings.push({
        verdict,
        status: res.status,
        request: `${c.role} ${req.method} ${short(req.path, 160)} [${c.cls}: ${c.hostile.label}] ${short(req.body)}`,
        response: short(res.text, 300),
      })
    }
  }
  // Sign-out routes one at a time, after the rest: signing out everywhere while the same user
  // signs in elsewhere revokes the new session too.
  const queue = [...cases.filter((c) => !isSessionEnding(c.op)), ...cases.filter((c) => isSessionEnding(c.op))]
  let next = 0
  const worker = async () => {
    while (next < queue.length) {
      if (isSessionEnding(queue[next]!.op) && running > 1) {
        running--
        return
      }
      const c = queue[next++]!
      let caller = callers[c.role]
      if (isSessionEnding(c.op) && c.role !== 'anonymous') {
        caller = disposable[c.role]
        if (!caller.cookie) await caller.signIn(c.role === 'admin' ? 'manager2@demo.crm' : 'sales2@demo.crm')
      }
      const req = buildRequest(c, ids)
      // A connection closed without an answer is retried once (a dev server reloading), then
      // reported with its request.
      const send = () => caller.send(req.method, req.path, { body: req.body, contentType: req.contentType })
      const res = await send()
        .catch(() => new Promise((r) => setTimeout(r, 1000)).then(send))
        .catch((error) => ({ status: 0, contentType: '', text: String(error?.cause ?? error), headers: new Headers() }))
      if (caller === disposable[c.role as 'admin'] && res.status < 300) caller.cookie = ''
      judge(c, req, res)
      if (c.op !== queue[next]?.op && c.role !== 'anonymous') await callers[c.role].ensureSignedIn()
    }
  }
  let running = concurrency
  await Promise.all(Array.from({ length: concurrency }, worker))
  // After the attack: every list and board still answers for both roles (one stored value must
  // not take down a dashboard).
  for (const role of ['admin', 'sales'] as const) {
    await callers[role].ensureSignedIn()
    for (const op of ops.filter((o) => o.method === 'GET' && !o.path.includes('{') && !o.path.endsWith('/ws'))) {
      const c: Case = { op, role, cls: 'after-run', hostile: { label: 'plain read after the run' } }
      const req = buildRequest(c, ids)
      judge(c, req, await callers[role].send('GET', req.path))
    }
  }
  return report
}

export function summary(r: Report, max = 40) {
  const lines = [
    `requests ${r.requests}; 5xx ${r.counts['5xx']}; wrong 2xx ${r.counts['wrong-2xx']}; 4xx not problem+json ` +
      `${r.counts['not-problem']}; internals in body ${r.counts.internals}; no answer ${r.counts['no-answer']}`,
    `statuses ${JSON.stringify(r.statuses)}`,
    ...r.findings.slice(0, max).map((f) => `${f.verdict} ${f.status} ${f.request}\n    → ${f.response}`),
  ]
  if (r.findings.length > max) lines.push(`… and ${r.findings.length - max} more`)
  return lines.join('\n')
}
