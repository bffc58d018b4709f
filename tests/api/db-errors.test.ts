// How a database failure is told apart: the messages below are the ones @neondatabase/serverless
// (its bundled pg client) and drizzle produce, wrapped as drizzle wraps them ("Failed query: …"
// with the driver's error as its cause).
import { describe, expect, test } from 'vitest'
import { databaseFailure } from '../../worker/http/db-errors.ts'

const failedQuery = (cause: Error) =>
  new Error('Failed query: insert into "organisations" ("name") values ($1)\nparams: x', { cause })
const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code })

describe('database failures', () => {
  test('a connection that broke mid-transaction is the service being unavailable (503), not our bug', () => {
    for (const message of [
      'Client has encountered a connection error and is not queryable',
      'Client was closed and is not queryable',
      'Connection terminated unexpectedly',
    ])
      expect(databaseFailure(failedQuery(new Error(message))), message).toBe('unavailable')
  })

  test('a server shutting down or refusing connections is unavailable, by its SQLSTATE', () => {
    for (const code of ['57P01', '57P03', '08006', '53300'])
      expect(databaseFailure(withCode(code)), code).toBe('unavailable')
  })

  test('input the database refused as data is the caller’s 400; other failures stay ours', () => {
    expect(databaseFailure(failedQuery(withCode('22P02')))).toBe('input')
    expect(databaseFailure(failedQuery(withCode('23505')))).toBeNull()
    expect(databaseFailure(new Error('Cannot read properties of undefined'))).toBeNull()
  })
})
