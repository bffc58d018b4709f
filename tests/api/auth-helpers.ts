// Throwaway accounts for the auth and security tests: each test gets its own user, so lockouts,
// password changes and revocations never touch the demo accounts other files sign in with.
import { ApiClient, as } from '../setup/api-client.ts'

export const STRONG_PASSWORD = 'Un-Mot-De-Passe-Solide-2026'

export const freshEmail = (label = 'user') =>
  `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}@test.crm`

type Role = 'admin' | 'manager' | 'sales' | 'viewer'

export async function createUser(opts: { role?: Role; password?: string | null; teamName?: string } = {}) {
  const admin = await as('admin')
  const teams = (await admin.get('/api/v1/teams')).body.data as { id: string; name: string }[]
  const team = teams.find((t) => t.name === (opts.teamName ?? 'Équipe Paris'))
  const email = freshEmail(opts.role ?? 'sales')
  const password = opts.password === null ? undefined : (opts.password ?? STRONG_PASSWORD)
  const res = await admin.post('/api/v1/users', {
    email,
    name: `Test ${email.split('@')[0]}`,
    role: opts.role ?? 'sales',
    teamId: team?.id ?? null,
    password,
  })
  if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { id: res.body.id as string, email, password: password ?? '' }
}

// Signs in and, when the admin-set password must be changed first, changes it to `finalPassword`.
export async function signIn(email: string, password: string, opts: { ip?: string; userAgent?: string } = {}) {
  const client = new ApiClient(undefined, opts.ip)
  const res = await client.post(
    '/api/v1/auth/login',
    { email, password },
    opts.userAgent ? { 'user-agent': opts.userAgent } : {},
  )
  return { client, res }
}

export async function readyUser(role: Role = 'sales', teamName?: string) {
  const user = await createUser({ role, teamName })
  const { client } = await signIn(user.email, user.password)
  const finalPassword = `${STRONG_PASSWORD}-ok`
  const changed = await client.post('/api/v1/auth/password', {
    currentPassword: user.password,
    newPassword: finalPassword,
  })
  if (changed.status !== 204)
    throw new Error(`password change failed: ${changed.status} ${JSON.stringify(changed.body)}`)
  return { ...user, password: finalPassword, client }
}

// The development mailbox is for admins only, and a reset mail is written just after the answer
// (same response time whether the address exists): read as admin, waiting for the newest mail
// that carries a link (one that does not contain `not`, to wait for a newer one). Security
// notices (a new sign-in, a changed password) reach the same address through the queue and may
// land after the link: they are passed over, not taken for it.
export async function latestMail(to: string, { not }: { not?: string } = {}) {
  const admin = await as('admin')
  const end = Date.now() + 10_000
  for (;;) {
    const res = await admin.get(`/api/v1/dev/mails?to=${encodeURIComponent(to)}&limit=20`)
    const mails = res.body.data as { to: string; subject: string; text: string }[]
    const mail = mails.find((m) => linkToken(m.text) && !(not && m.text.includes(not)))
    if (mail || Date.now() > end) return mail
    await new Promise((r) => setTimeout(r, 100))
  }
}

export const linkToken = (text: string) => text.match(/reset-password\?token=([^\s]+)/)?.[1]
