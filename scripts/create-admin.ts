// Creates the first administrator of a database (production has no demo accounts):
//   DATABASE_URL=postgres://… npm run admin:create -- --email alice@firm.fr --name "Alice Martin"
// Prints a one-time password; the first sign-in forces its change.
import { randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { createDb } from '../worker/db/client.ts'
import { users } from '../worker/db/schema.ts'
import { hashPassword } from '../worker/auth/crypto.ts'
import { EmailSchema } from '../worker/shared/fields.ts'

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

const email = EmailSchema.safeParse(arg('email') ?? '')
const name = arg('name')?.trim()
if (!process.env.DATABASE_URL || !email.success || !name) {
  console.error('usage: DATABASE_URL=postgres://… npm run admin:create -- --email <email> --name "<full name>"')
  process.exit(1)
}
const { db, pool } = createDb({ DATABASE_URL: process.env.DATABASE_URL, DB_WS_PROXY: process.env.DB_WS_PROXY })
try {
  const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email.data}`)
  if (existing) {
    console.error(`${email.data} already has an account`)
    process.exitCode = 1
  } else {
    const password = randomBytes(12).toString('base64url')
    await db.insert(users).values({
      email: email.data,
      name,
      role: 'admin',
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
    })
    console.log(`admin ${email.data} created; one-time password: ${password} (to be changed at first sign-in)`)
  }
} finally {
  await pool.end()
}
