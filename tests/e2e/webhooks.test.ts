// Paramètres → Webhooks in a real browser: create an endpoint, see its secret once, send a test
// event, find it in the delivery log, send it again. The receiver is a real HTTP server.
import type { Browser } from 'playwright-core'
import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { as, eventually } from '../setup/api-client.ts'
import { collectPageErrors, launchBrowser, newContext, screenReady, signIn } from '../setup/browser.ts'
import { WebhookReceiver } from '../setup/webhook-receiver.ts'

let browser: Browser
const receiver = new WebhookReceiver()
beforeAll(async () => {
  browser = await launchBrowser()
  await receiver.start()
})
afterAll(async () => {
  await browser?.close()
  await receiver.stop()
})

describe('webhooks screen', () => {
  test('an admin creates an endpoint, copies its secret once, sends a test, sees it in the log and sends it again', {
    timeout: 120_000,
  }, async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const errors = collectPageErrors(page)
    await signIn(page, 'admin')
    await page.goto('/admin/webhooks')
    const path = `/browser-${Date.now()}`
    await page.getByLabel('URL de réception').fill(receiver.url(path))
    await page.getByLabel('Description').fill('Plateforme partenaire')
    await page.getByRole('button', { name: '+ Créer le webhook' }).click()
    const secret = (await page.getByTestId('webhook-secret').textContent())!.trim()
    expect(secret).toMatch(/^whsec_/)

    await page.getByRole('link', { name: receiver.url(path) }).click()
    await page.waitForURL(/\/admin\/webhooks\/[0-9a-f-]{36}$/)
    // The address changes before the endpoint's page is drawn: wait for the page itself.
    await screenReady(page)
    // The secret is not on the endpoint's page, nor on the list any more.
    expect(await page.content()).not.toContain(secret)

    await page.getByRole('button', { name: 'Envoyer un test' }).click()
    await expect.poll(() => page.getByTestId('webhook-test-outcome').textContent()).toContain('Test reçu : réponse 200')
    const [first] = receiver.at(path)
    const event = new Webhook(secret).verify(first!.body, first!.headers) as { id: string; type: string }
    expect(event.type).toBe('webhook.test')

    await page.reload()
    const row = page.getByTestId('delivery-row').filter({ hasText: 'webhook.test' })
    await expect.poll(() => row.count()).toBe(1)
    await row.getByRole('button', { name: 'Renvoyer' }).click()
    const both = await eventually(async () => receiver.at(path).length === 2 && receiver.at(path))
    expect(both.map((r) => r.headers['webhook-id'])).toEqual([event.id, event.id])
    new Webhook(secret).verify(both[1]!.body, both[1]!.headers)
    await page.reload()
    await expect.poll(() => page.getByTestId('delivery-row').count()).toBe(2)

    // Clean up: the endpoint would otherwise receive other tests' events.
    const admin = await as('admin')
    const id = new URL(page.url()).pathname.split('/').at(-1)!
    expect((await admin.delete(`/api/v1/webhooks/${id}`)).status).toBe(204)
    expect(errors).toEqual([])
    await context.close()
  })
})
