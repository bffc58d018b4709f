// The SSRF rules in production mode (the running stack is in test mode, which also allows
// http://localhost): the guard itself, with a name resolver standing in for DNS over HTTPS.
import { describe, expect, test } from 'vitest'
import { refuseWebhookUrl, type UrlPolicy } from '../../worker/webhooks/url-guard.ts'

const dns: Record<string, string[]> = {
  'partner.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'internal.example.com': ['10.1.2.3'],
  'sneaky.example.com': ['93.184.215.14', '169.254.169.254'],
  'cgnat.example.com': ['100.64.1.1'],
  'v6-private.example.com': ['fd12::1'],
  'mapped.example.com': ['::ffff:127.0.0.1'],
  'multicast.example.com': ['239.1.1.1'],
}
const production: UrlPolicy = {
  allowLocalHttp: false,
  appHost: 'crm.example.com',
  resolve: async (host) => dns[host] ?? [],
}

describe('webhook URLs in production', () => {
  test('an https URL whose name resolves only to public addresses is accepted', async () => {
    expect(await refuseWebhookUrl('https://partner.example.com/hooks/crm', production)).toBeNull()
  })

  test.each([
    ['http://partner.example.com/hook', /https/],
    ['https://93.184.215.14/hook', /nom de domaine/],
    ['https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook', /nom de domaine/],
    ['http://localhost:8080/hook', /https/],
    ['https://localhost/hook', /localhost/],
    ['https://127.0.0.1/hook', /nom de domaine/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://internal.example.com/hook', /privée ou réservée/],
    ['https://sneaky.example.com/hook', /privée ou réservée/],
    ['https://cgnat.example.com/hook', /privée ou réservée/],
    ['https://v6-private.example.com/hook', /privée ou réservée/],
    ['https://mapped.example.com/hook', /privée ou réservée/],
    ['https://multicast.example.com/hook', /privée ou réservée/],
    ['https://nowhere.example.com/hook', /aucune adresse/],
    ['https://crm.example.com/api/v1/webhooks', /application elle-même/],
    ['https://user:pw@partner.example.com/hook', /identifiants/],
    ['not a url', /invalide/],
  ])('%s is refused', async (url, reason) => {
    expect(await refuseWebhookUrl(url, production)).toMatch(reason)
  })

  test('local runs allow http://localhost but still refuse link-local and metadata addresses', async () => {
    const local: UrlPolicy = { ...production, allowLocalHttp: true, appHost: 'localhost:8787' }
    expect(await refuseWebhookUrl('http://localhost:9999/hook', local)).toBeNull()
    expect(await refuseWebhookUrl('http://127.0.0.1:9999/hook', local)).toBeNull()
    expect(await refuseWebhookUrl('http://localhost:8787/api/v1/health', local)).toMatch(/application elle-même/)
    expect(await refuseWebhookUrl('http://169.254.169.254/', local)).toMatch(/link-local/)
    expect(await refuseWebhookUrl('http://[fe80::1]/', local)).toMatch(/link-local/)
    expect(await refuseWebhookUrl('http://10.0.0.1/', local)).toMatch(/https/)
  })
})
