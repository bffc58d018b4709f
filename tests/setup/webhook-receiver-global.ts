// For Worker-runtime tests (which run inside workerd and cannot listen on a port): a real HTTP
// receiver in Node, steered over HTTP. POST /__control/answer {path, status, headers?} sets how a
// path answers; GET /__control/received?path=... lists what it received.
import type { TestProject } from 'vitest/node'
import { WebhookReceiver } from './webhook-receiver.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    webhookReceiverUrl: string
  }
}

const receiver = new WebhookReceiver()
const answers = new Map<string, { status: number; headers?: Record<string, string> }>()

export async function setup(project: TestProject) {
  receiver.control = async (path, method, body) => {
    if (method === 'POST' && path === '/__control/answer') {
      const a = JSON.parse(body) as { path: string; status: number; headers?: Record<string, string> }
      answers.set(a.path, a)
      receiver.on(a.path, () => answers.get(a.path)!)
      return { ok: true }
    }
    const wanted = new URL(path, 'http://x').searchParams.get('path')
    return receiver.received.filter((r) => r.path === wanted)
  }
  await receiver.start()
  project.provide('webhookReceiverUrl', receiver.url(''))
}

export async function teardown() {
  await receiver.stop()
}
