// The deterministic sample of the fuzz campaign (tests/fuzz/): every operation of
// /api/openapi.json, every class of hostile input, as an admin, a sales user and anonymously.
// `npm run fuzz` runs the full campaign (300 requests per operation) and prints every finding.
import { expect, test } from 'vitest'
import { baseURL } from '../setup/api-client.ts'
import { runFuzz, summary } from '../fuzz/fuzz-run.ts'

test('no hostile input gets a 5xx, a 4xx that is not problem+json, internals in a body or a wrong 2xx', {
  // About 1,250 requests: under a minute on an idle machine, 10 minutes with 8 agents on 2 cores.
  timeout: 600_000,
}, async () => {
  const report = await runFuzz(baseURL(), { mode: 'sample', seed: 1, concurrency: 6 })
  expect(report.requests).toBeGreaterThan(500)
  expect(report.findings, summary(report)).toEqual([])
})
