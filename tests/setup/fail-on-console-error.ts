import { afterEach, beforeEach, vi } from 'vitest'

// A console.error in a test fails it, unless the test declared it expects one.
let spy: ReturnType<typeof vi.spyOn>
let allowed = false
export const allowConsoleError = () => {
  allowed = true
}

beforeEach(() => {
  allowed = false
  spy = vi.spyOn(console, 'error')
})
afterEach(() => {
  const calls = spy.mock.calls
  spy.mockRestore()
  if (calls.length > 0 && !allowed)
    throw new Error(`console.error was called: ${calls.map((c: unknown[]) => c.join(' ')).join('\n')}`)
})
