// What a refused sign-in says: the same words whether the address exists or not, and true about
// the lock (5 failures, 15 minutes, an administrator can unlock), including when throttled.
import { describe, expect, test } from 'vitest'
import { ApiClient, randomIp } from '../setup/api-client.ts'
import { createUser, freshEmail, signIn } from './auth-helpers.ts'

describe('sign-in messages', () => {
  test(
    'a locked account and an unknown address get the same ' + 'message, which says when to retry and who unlocks',
    async () => {
      const user = await createUser()
      for (let i = 0; i < 5; i++) expect((await signIn(user.email, 'Mauvais-Mot-De-Passe-1')).res.status).toBe(401)
      const locked = (await signIn(user.email, user.password)).res
      const unknown = (await signIn(freshEmail('nobody'), user.password)).res
      expect(locked.status).toBe(401)
      expect(unknown.status).toBe(401)
      expect(locked.body.detail).toBe(unknown.body.detail)
      expect(locked.body.detail).toContain('15 minutes')
      expect(locked.body.detail).toContain('administrateur')
    },
  )

  test('past the per-address limit, the answer does not promise a one-minute wait to a locked account', async () => {
    const email = freshEmail('throttled')
    const client = new ApiClient(undefined, randomIp())
    let last = await client.post('/api/v1/auth/login', { email, password: 'Mauvais-Mot-De-Passe-1' })
    for (let i = 0; i < 10 && last.status !== 429; i++)
      last = await client.post('/api/v1/auth/login', { email, password: 'Mauvais-Mot-De-Passe-1' })
    expect(last.status).toBe(429)
    expect(last.body.detail).toContain('une minute')
    expect(last.body.detail).toContain('15 minutes')
    expect(last.body.detail).toContain('administrateur')
  })
})
