// Rows for the CSV parity test beyond the demo seed: text a spreadsheet could misread, ties on
// every sort key, and records a Lyon sales user keeps while the records they point to (an admin's
// organisation and person) stay outside their scope, so a joined name must come out empty.
import { eq } from 'drizzle-orm'
import type { Db } from '../../worker/db/client.ts'
import {
  interactionPeople,
  interactions,
  mandateProducts,
  mandates,
  organisations,
  people,
  personOrganisations,
  products,
  tasks,
} from '../../worker/db/schema.ts'
import type { AuthUser } from '../../worker/auth/auth-user.ts'

const SAME_TIME = new Date('2026-01-15T10:00:00Z')
export const HIDDEN = { organisation: 'Cachée à Lyon', person: 'Invisible' }

// `mine`: a sales user's own organisation; `hidden`: an admin's organisation that user cannot see.
export async function insertListRows(db: Db, admin: AuthUser, sales: AuthUser) {
  const [mine] = await db.select().from(organisations).where(eq(organisations.ownerId, sales.id)).limit(1)
  const [hidden] = await db
    .insert(organisations)
    .values({ name: HIDDEN.organisation, type: 'INVESTISSEUR', ownerId: admin.id })
    .returning()
  const person = (firstName: string, lastName: string, owner: AuthUser, extra = {}) => ({
    firstName,
    lastName,
    ownerId: owner.id,
    teamId: owner.teamId,
    createdAt: SAME_TIME,
    ...extra,
  })
  const ps = await db
    .insert(people)
    .values([
      person('=Formule', 'Guillemets "x"; y', admin, { jobTitle: '@Directeur', personalEmail: 'a;b@exemple.fr' }),
      person('Deux', 'Sur\nlignes, virgule', admin, { personalPhone: '+33 6 00 00 00 00' }),
      person('Zoé', HIDDEN.person, admin),
      // Same names and creation time: only the id orders them, in the list and in the CSV.
      person('Jean', 'Doublon', sales),
      person('Jean', 'Doublon', sales),
      person('Anne', 'Doublon', sales, { jobTitle: '-Adjointe' }),
    ])
    .returning()
  type P = (typeof ps)[number]
  const [formula, twoLines, invisible, twin1, twin2, anne] = ps as [P, P, P, P, P, P]
  await db.insert(personOrganisations).values([
    { personId: formula.id, organisationId: hidden!.id, isPrimary: true },
    { personId: twoLines.id, organisationId: hidden!.id },
    { personId: invisible.id, organisationId: hidden!.id },
    // A sales user's person linked to both: only their own organisation may be named.
    { personId: twin1.id, organisationId: hidden!.id },
    { personId: twin1.id, organisationId: mine!.id },
    { personId: anne.id, organisationId: mine!.id },
  ])

  const [p1, p2] = await db
    .insert(products)
    .values([
      { name: '=Produit; "A"', isin: 'FR0000000018' },
      { name: 'Alpha', isin: 'LU0000000026' },
    ])
    .returning()
  const mandate = (number: string, organisationId: string, owner: AuthUser, extra = {}) => ({
    number,
    organisationId,
    ownerId: owner.id,
    teamId: owner.teamId,
    createdAt: SAME_TIME,
    ...extra,
  })
  const ms = await db
    .insert(mandates)
    .values([
      mandate('M-2020-001', hidden!.id, admin, {
        status: 'SIGNE' as const,
        amount: '-12.50',
        startDate: '2026-03-29',
        endDate: '2027-03-28',
        signedAt: new Date('2026-03-28T23:30:00Z'),
      }),
      // The sales user's own mandate on the admin's organisation: in scope, its organisation unnamed.
      mandate('M-2020-002', hidden!.id, sales, { amount: '1500.00' }),
      mandate('M-2020-003', mine!.id, sales, { status: 'ACTIF' as const, amount: '1234567890123.45' }),
    ])
    .returning()
  await db.insert(mandateProducts).values([
    { mandateId: ms[0]!.id, productId: p1!.id },
    { mandateId: ms[0]!.id, productId: p2!.id },
    { mandateId: ms[1]!.id, productId: p1!.id },
  ])

  const interaction = (organisationId: string, user: AuthUser, subject: string, extra = {}) => ({
    type: 'MEETING' as const,
    organisationId,
    userId: user.id,
    teamId: user.teamId,
    occurredAt: SAME_TIME,
    subject,
    ...extra,
  })
  const is = await db
    .insert(interactions)
    .values([
      interaction(hidden!.id, admin, '=Réunion; "privée"', { summary: 'Ligne 1\r\nLigne 2' }),
      interaction(hidden!.id, sales, 'Appel du commercial', { type: 'CALL' as const, summary: '+suite' }),
      interaction(mine!.id, sales, 'Rendez-vous', { occurredAt: new Date('2026-10-24T22:30:00Z') }),
    ])
    .returning()
  await db.insert(interactionPeople).values([
    { interactionId: is[0]!.id, personId: formula.id },
    { interactionId: is[0]!.id, personId: twoLines.id },
    { interactionId: is[1]!.id, personId: invisible.id },
    { interactionId: is[1]!.id, personId: twin1.id },
    { interactionId: is[1]!.id, personId: twin2.id },
    { interactionId: is[1]!.id, personId: anne.id },
  ])

  const task = (title: string, user: AuthUser, extra = {}) => ({
    title,
    assigneeId: user.id,
    createdBy: user.id,
    teamId: user.teamId,
    createdAt: SAME_TIME,
    ...extra,
  })
  await db.insert(tasks).values([
    task('=Rappeler; "vite"', admin, { organisationId: hidden!.id, personId: formula.id, priority: 'HIGH' as const }),
    task('Sans date', admin, { status: 'DONE' as const, completedAt: new Date('2026-10-25T22:59:59Z') }),
    // Written by the sales user for a colleague: in scope as its author, its organisation and
    // person not (the organisation is visible to a sales user only through tasks assigned to them).
    task('Déléguée', sales, {
      assigneeId: admin.id,
      organisationId: hidden!.id,
      personId: invisible.id,
      dueAt: new Date('2020-01-01T00:00:00Z'),
    }),
    task('En retard', sales, { personId: twin1.id, dueAt: new Date('2020-01-01T00:00:00Z') }),
    task('En retard', sales, { personId: twin2.id, dueAt: new Date('2020-01-01T00:00:00Z') }),
  ])
  return { mine: mine! }
}
