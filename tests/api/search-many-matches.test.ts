import { describe, expect, test } from 'vitest'
import { sql } from 'drizzle-orm'
import { ownDatabase } from '../setup/own-database.ts'
import type { AuthUser } from '../../worker/auth/auth-user.ts'
import { effectivePermissions } from '../../worker/permissions/matrix.ts'
import { autocomplete, search, COUNT_CAP } from '../../worker/search/search.service.ts'
import { AutocompleteQuery, SearchQuery } from '../../worker/search/search.schema.ts'

// Past 100 full-text matches the search stops ranking them all (decision 003): the names among
// them are then found by their beginnings (search_name_tails). An own database, filled in SQL,
// puts the record named exactly so after 150 that only mention the word.
describe('a word matching more records than are ranked', () => {
  const own = ownDatabase()
  const admin: AuthUser = {
    id: crypto.randomUUID(),
    email: 'admin@test',
    name: 'Admin',
    role: 'admin',
    teamId: null,
    mustChangePassword: false,
    permissions: effectivePermissions('admin', []),
    via: 'session',
  }

  test(
    'the record named exactly still comes first, inside words of other names come next, and the count says ' +
      '"more than 100"',
    async () => {
      const { db } = own
      await db.execute(sql`insert into organisations (name, type, notes)
        select 'Cabinet ' || g, 'INVESTISSEUR', 'Rencontré chez Zorbalique au salon ' || g
        from generate_series(1, 150) g`)
      await db.execute(
        sql`insert into organisations (name, type)
          values ('Banque Zorbalique Conseil', 'INVESTISSEUR'), ('Zorbalique', 'INVESTISSEUR')`,
      )

      const body = await search(db, admin, SearchQuery.parse({ q: 'zorbalique', types: 'organisations' }))
      const orgs = body.groups[0]!
      expect(orgs.items.map((i) => i.title).slice(0, 2)).toEqual(['Zorbalique', 'Banque Zorbalique Conseil'])
      expect(orgs).toMatchObject({ total: COUNT_CAP, totalCapped: true })

      const typed = await autocomplete(db, admin, AutocompleteQuery.parse({ q: 'zorb' }))
      expect(typed.items.map((i) => i.title)).toEqual(['Zorbalique', 'Banque Zorbalique Conseil'])
    },
  )
})
