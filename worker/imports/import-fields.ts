// The fields a file column can fill, per entity, with the headers recognised for each (French,
// English and the templates' own names). The one place the import vocabulary lives.
import { CATEGORIES, ORGANISATION_TYPES, PIPELINE_STAGES } from '../db/enums.ts'
import { fold } from '../search/search-text.ts'

export const IMPORT_ENTITIES = ['organisations', 'people'] as const
export type ImportEntity = (typeof IMPORT_ENTITIES)[number]
export type FieldKind = 'text' | 'email' | 'phone' | 'money' | 'enum' | 'boolean' | 'postalCode'
export type ImportField = {
  key: string
  label: string
  kind: FieldKind
  headers: string[]
  values?: readonly string[]
  required?: boolean
}

export const IMPORT_FIELDS: Record<ImportEntity, ImportField[]> = {
  organisations: [
    {
      key: 'name',
      label: 'Nom',
      kind: 'text',
      required: true,
      headers: ['nom', 'raison sociale', 'name', 'société', 'organisation', 'entreprise', 'company', 'dénomination'],
    },
    {
      key: 'type',
      label: 'Type',
      kind: 'enum',
      required: true,
      values: ORGANISATION_TYPES,
      headers: ['type', 'type organisation', 'organisation type'],
    },
    {
      key: 'category',
      label: 'Catégorie',
      kind: 'enum',
      values: CATEGORIES,
      headers: ['categorie', 'catégorie', 'category'],
    },
    {
      key: 'pipelineStage',
      label: 'Étape du pipeline',
      kind: 'enum',
      values: PIPELINE_STAGES,
      headers: ['pipeline_stage', 'étape', 'etape', 'stage', 'pipeline', 'étape pipeline'],
    },
    { key: 'amount', label: 'Montant', kind: 'money', headers: ['montant', 'amount', 'encours', 'montant potentiel'] },
    {
      key: 'email',
      label: 'E-mail',
      kind: 'email',
      headers: ['email', 'e-mail', 'courriel', 'mail', 'adresse e-mail', 'adresse mail'],
    },
    {
      key: 'phone',
      label: 'Téléphone',
      kind: 'phone',
      headers: ['telephone', 'téléphone', 'tel', 'tél', 'phone', 'standard'],
    },
    {
      key: 'website',
      label: 'Site web',
      kind: 'text',
      headers: ['site', 'site web', 'site internet', 'website', 'url', 'web'],
    },
    { key: 'address', label: 'Adresse', kind: 'text', headers: ['adresse', 'address', 'rue', 'adresse postale'] },
    {
      key: 'postalCode',
      label: 'Code postal',
      kind: 'postalCode',
      headers: ['code postal', 'code_postal', 'cp', 'postal code', 'zip', 'zip code'],
    },
    { key: 'city', label: 'Ville', kind: 'text', headers: ['ville', 'city', 'commune', 'localité'] },
    { key: 'country', label: 'Pays', kind: 'text', headers: ['pays', 'country'] },
    {
      key: 'notes',
      label: 'Notes',
      kind: 'text',
      headers: ['notes', 'note', 'commentaire', 'commentaires', 'remarques', 'comments'],
    },
    { key: 'isActive', label: 'Active', kind: 'boolean', headers: ['actif', 'active', 'is_active'] },
    {
      key: 'owner',
      label: 'Responsable (e-mail)',
      kind: 'email',
      headers: ['responsable', 'propriétaire', 'owner', 'commercial', 'owner email'],
    },
  ],
  people: [
    {
      key: 'firstName',
      label: 'Prénom',
      kind: 'text',
      required: true,
      headers: ['prenom', 'prénom', 'first name', 'firstname', 'given name'],
    },
    {
      key: 'lastName',
      label: 'Nom',
      kind: 'text',
      required: true,
      headers: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'name'],
    },
    {
      key: 'personalEmail',
      label: 'E-mail',
      kind: 'email',
      headers: ['email', 'e-mail', 'email_personnel', 'email personnel', 'courriel', 'mail', 'adresse e-mail'],
    },
    {
      key: 'personalPhone',
      label: 'Téléphone',
      kind: 'phone',
      headers: [
        'telephone',
        'téléphone',
        'telephone_personnel',
        'téléphone personnel',
        'tel',
        'mobile',
        'portable',
        'phone',
      ],
    },
    { key: 'jobTitle', label: 'Poste', kind: 'text', headers: ['poste', 'fonction', 'titre', 'job title', 'title'] },
    {
      key: 'organisationName',
      label: 'Organisation (nom)',
      kind: 'text',
      headers: [
        'organisation_nom',
        'organisation',
        'société',
        'entreprise',
        'company',
        'raison sociale',
        'organisation nom',
      ],
    },
    { key: 'role', label: 'Rôle dans l’organisation', kind: 'text', headers: ['rôle', 'role'] },
    {
      key: 'notes',
      label: 'Notes',
      kind: 'text',
      headers: ['notes', 'note', 'commentaire', 'commentaires', 'remarques'],
    },
    {
      key: 'owner',
      label: 'Responsable (e-mail)',
      kind: 'email',
      headers: ['responsable', 'propriétaire', 'owner', 'commercial'],
    },
  ],
}

// Headers compared without case, accents, spaces or punctuation: "E-mail" = "email" = "EMAIL".
export const headerKey = (h: string) => fold(h).replace(/[^a-z0-9]/g, '')

export function autoMapping(entity: ImportEntity, headers: string[]): (string | null)[] {
  const used = new Set<string>()
  return headers.map((h) => {
    const key = headerKey(h)
    const field = IMPORT_FIELDS[entity].find(
      (f) => !used.has(f.key) && (headerKey(f.key) === key || f.headers.some((x) => headerKey(x) === key)),
    )
    if (!field) return null
    used.add(field.key)
    return field.key
  })
}

export const fieldOf = (entity: ImportEntity, key: string) => IMPORT_FIELDS[entity].find((f) => f.key === key)
