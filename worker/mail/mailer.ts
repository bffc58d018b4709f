// The mail interface. Outside production every mail goes to the development mailbox (table
// `mails`, shown at /dev/mailbox) and to the log, never to a real address. In production it is
// posted as JSON to an HTTP mail provider (MAIL_API_URL, with MAIL_API_KEY as a Bearer secret).
import type { Db } from '../db/client.ts'
import { mails } from '../db/schema.ts'
import type { Env } from '../env.ts'
import type { Logger } from '../http/logger.ts'

export type Mail = { to: string; subject: string; text: string }
export interface Mailer {
  send(mail: Mail): Promise<void>
}

export function devMailbox(db: Db, log: Logger): Mailer {
  return {
    async send(mail) {
      await db.insert(mails).values(mail)
      log.info('mail (development mailbox, not sent)', { to: mail.to, subject: mail.subject, text: mail.text })
    },
  }
}

export function httpMailer(env: Env, log: Logger): Mailer {
  return {
    async send(mail) {
      if (!env.MAIL_API_URL) {
        log.error('no mail transport configured (MAIL_API_URL); mail dropped', { to: mail.to, subject: mail.subject })
        return
      }
      const res = await fetch(env.MAIL_API_URL, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(env.MAIL_API_KEY ? { authorization: `Bearer ${env.MAIL_API_KEY}` } : {}),
        },
        body: JSON.stringify({ from: env.MAIL_FROM ?? 'crm@localhost', ...mail }),
      })
      if (!res.ok) log.error('mail provider refused the mail', { to: mail.to, status: res.status })
    },
  }
}

// Only an explicit local setting (DEV_MAILBOX=on, set by the local dev server) keeps mails in the
// database: any deployment, staging included, sends them, so no reset link sits readable there.
export const devMailboxEnabled = (env: Pick<Env, 'DEV_MAILBOX'>) => env.DEV_MAILBOX === 'on'
export const mailerFor = (env: Env, db: Db, log: Logger): Mailer =>
  devMailboxEnabled(env) ? devMailbox(db, log) : httpMailer(env, log)
