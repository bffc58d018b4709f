// What a chunk of rows will do (create, update, skip, error), decided the same way by the dry
// run and by the real run, so the dry run's counts are the run's counts.
import type { AuthUser } from '../auth/auth-user.ts'
import type { TxOrDb } from '../shared/tx.ts'
import { evaluateRow, missingRequired, type Evaluated, type RowError } from './import-evaluate.ts'
import type { ImportEntity } from './import-fields.ts'
import { matchRecords, resolveOrganisations, resolveOwners, type OwnerRef } from './import-match.ts'

export const IMPORT_MODES = ['create', 'update', 'upsert'] as const
export type ImportMode = (typeof IMPORT_MODES)[number]
export type RawRow = [line: number, cells: string[]]
export type Outcome = 'created' | 'updated' | 'skipped' | 'error'

export type Decision = {
  line: number
  outcome: Outcome
  row: Evaluated
  recordId?: string
  owner?: OwnerRef
  organisationId?: string
  column?: string | null
  message?: string
}

export type PlanInput = {
  entity: ImportEntity
  headers: string[]
  mapping: (string | null)[]
  mode: ImportMode
  // Lines repeating an earlier line of the file (line → first line).
  duplicates: Map<number, number>
}

export async function planChunk(tx: TxOrDb, user: AuthUser, p: PlanInput, rows: RawRow[]): Promise<Decision[]> {
  const evaluated = rows.map(([line, cells]) => evaluateRow(p.entity, p.headers, p.mapping, line, cells))
  const clean = evaluated.filter((r) => !r.errors.length && !p.duplicates.has(r.line))
  const [matches, owners, orgs] = await Promise.all([
    matchRecords(tx, user, p.entity, clean),
    resolveOwners(tx, user, clean),
    p.entity === 'people' ? resolveOrganisations(tx, user, clean) : Promise.resolve(new Map()),
  ])
  return evaluated.map((row): Decision => {
    const fail = (e: RowError): Decision => ({
      line: row.line,
      outcome: 'error',
      row,
      column: e.column,
      message: e.message,
    })
    if (row.errors.length) return fail(row.errors[0]!)
    const first = p.duplicates.get(row.line)
    if (first !== undefined) {
      return { line: row.line, outcome: 'skipped', row, message: `Doublon de la ligne ${first} du fichier.` }
    }
    const match = matches.get(row.line) ?? {}
    if (match.error) return fail({ column: null, message: match.error })
    const owner = owners.get(row.line)
    if (owner?.error) return fail({ column: 'Responsable', message: owner.error })
    const org = orgs.get(row.line)
    if (org?.error) return fail({ column: 'Organisation', message: org.error })
    const base = { line: row.line, row, owner: owner?.owner, organisationId: org?.id }
    if (match.id) {
      if (p.mode === 'create') {
        return { ...base, outcome: 'skipped', recordId: match.id, message: 'Existe déjà (mode « créer seulement »).' }
      }
      return { ...base, outcome: 'updated', recordId: match.id }
    }
    if (p.mode === 'update') {
      return { ...base, outcome: 'skipped', message: 'Aucune fiche correspondante (mode « mettre à jour seulement »).' }
    }
    const missing = missingRequired(p.entity, row, p.mapping)
    if (missing.length) return fail(missing[0]!)
    return { ...base, outcome: 'created' }
  })
}
