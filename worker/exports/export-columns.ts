// What each entity's export holds: French headers, a kind per column (CSV text, Excel cell type,
// PDF alignment) and the groupings of the Statistiques sheet and the charts. One table per
// entity, read by every format, so CSV, Excel and PDF never disagree on a column.
import { labels } from '../../app/i18n/fr.ts'
import type { OrganisationDto } from '../organisations/organisation.service.ts'
import type { PersonDto } from '../people/person.service.ts'
import type { MandateDto } from '../mandates/mandate.service.ts'
import type { ExportEntity } from './export.schema.ts'

export type CellValue = string | number | Date | null
export type ColumnKind = 'text' | 'date' | 'money' | 'int'
export type Column = { header: string; kind: ColumnKind; width: number; pdfWidth?: number }
// order: the categories' natural order (pipeline stages); otherwise the largest first.
export type Grouping = { title: string; column: number; order?: readonly string[] }

export type EntityLayout = {
  title: string
  columns: Column[]
  // Index of the amount column summed by the statistics, if any.
  amount?: number
  groups: Grouping[]
  // The Graphiques sheet: bar = counts and amounts by this grouping, pie = counts by that one.
  bar: number
  pie: number
}

// How a yes/no field reads in every format (the CSV's SQL too).
export const YES = 'Oui'
export const NO = 'Non'
const label = (map: Record<string, string>, v: string | null | undefined) => (v ? (map[v] ?? v) : null)
const money = (v: string | null | undefined) => (v == null ? null : Number(v))
const date = (v: string | null | undefined) => (v ? new Date(v) : null)

type AnyDto = Record<string, unknown>
type InteractionDto = AnyDto & { type: string; occurredAt: string; subject: string | null; summary: string | null }
type TaskDto = AnyDto & { title: string; status: string; priority: string; dueAt: string | null }

export const LAYOUTS: Record<ExportEntity, EntityLayout> = {
  organisations: {
    title: 'Organisations',
    columns: [
      { header: 'Nom', kind: 'text', width: 34, pdfWidth: 150 },
      { header: 'Type', kind: 'text', width: 14, pdfWidth: 62 },
      { header: 'Catégorie', kind: 'text', width: 16, pdfWidth: 64 },
      { header: 'Étape', kind: 'text', width: 14, pdfWidth: 62 },
      { header: 'Montant (€)', kind: 'money', width: 16, pdfWidth: 80 },
      { header: 'Ville', kind: 'text', width: 18 },
      { header: 'Pays', kind: 'text', width: 12 },
      { header: 'E-mail', kind: 'text', width: 28 },
      { header: 'Téléphone', kind: 'text', width: 16 },
      { header: 'Responsable', kind: 'text', width: 20, pdfWidth: 84 },
      { header: 'Actif', kind: 'text', width: 8 },
      { header: 'Dernier contact', kind: 'date', width: 14 },
      { header: 'Créée le', kind: 'date', width: 12, pdfWidth: 60 },
    ],
    amount: 4,
    groups: [
      { title: 'Par type', column: 1 },
      { title: 'Par catégorie', column: 2 },
      { title: 'Par étape', column: 3, order: Object.values(labels.stage) },
      { title: 'Par responsable', column: 9 },
    ],
    bar: 3,
    pie: 1,
  },
  people: {
    title: 'Personnes',
    columns: [
      { header: 'Nom', kind: 'text', width: 18, pdfWidth: 90 },
      { header: 'Prénom', kind: 'text', width: 16, pdfWidth: 80 },
      { header: 'Fonction', kind: 'text', width: 22, pdfWidth: 100 },
      { header: 'Organisations', kind: 'text', width: 30, pdfWidth: 140 },
      { header: 'E-mail', kind: 'text', width: 28 },
      { header: 'Téléphone', kind: 'text', width: 16 },
      { header: 'Responsable', kind: 'text', width: 20, pdfWidth: 90 },
      { header: 'Créée le', kind: 'date', width: 12, pdfWidth: 60 },
    ],
    groups: [{ title: 'Par responsable', column: 6 }],
    bar: 6,
    pie: 6,
  },
  mandats: {
    title: 'Mandats',
    columns: [
      { header: 'Numéro', kind: 'text', width: 14, pdfWidth: 70 },
      { header: 'Organisation', kind: 'text', width: 30, pdfWidth: 140 },
      { header: 'Statut', kind: 'text', width: 16, pdfWidth: 75 },
      { header: 'Produits', kind: 'text', width: 34 },
      { header: 'Montant (€)', kind: 'money', width: 16, pdfWidth: 80 },
      { header: 'Début', kind: 'date', width: 12, pdfWidth: 60 },
      { header: 'Fin', kind: 'date', width: 12, pdfWidth: 60 },
      { header: 'Signé le', kind: 'date', width: 12 },
      { header: 'Responsable', kind: 'text', width: 20, pdfWidth: 90 },
    ],
    amount: 4,
    groups: [
      { title: 'Par statut', column: 2, order: Object.values(labels.mandateStatus) },
      { title: 'Par responsable', column: 8 },
    ],
    bar: 2,
    pie: 2,
  },
  interactions: {
    title: 'Interactions',
    columns: [
      { header: 'Date', kind: 'date', width: 12, pdfWidth: 60 },
      { header: 'Type', kind: 'text', width: 12, pdfWidth: 60 },
      { header: 'Organisation', kind: 'text', width: 30, pdfWidth: 130 },
      { header: 'Objet', kind: 'text', width: 34, pdfWidth: 160 },
      { header: 'Participants', kind: 'text', width: 30 },
      { header: 'Auteur', kind: 'text', width: 20, pdfWidth: 90 },
      { header: 'Compte rendu', kind: 'text', width: 50 },
    ],
    groups: [
      { title: 'Par type', column: 1 },
      { title: 'Par auteur', column: 5 },
    ],
    bar: 1,
    pie: 1,
  },
  tasks: {
    title: 'Tâches',
    columns: [
      { header: 'Titre', kind: 'text', width: 36, pdfWidth: 170 },
      { header: 'Statut', kind: 'text', width: 12, pdfWidth: 60 },
      { header: 'Priorité', kind: 'text', width: 10, pdfWidth: 55 },
      { header: 'Échéance', kind: 'date', width: 12, pdfWidth: 60 },
      { header: 'Assignée à', kind: 'text', width: 20, pdfWidth: 90 },
      { header: 'Organisation', kind: 'text', width: 30, pdfWidth: 120 },
      { header: 'Personne', kind: 'text', width: 20 },
      { header: 'Terminée le', kind: 'date', width: 12 },
    ],
    groups: [
      { title: 'Par statut', column: 1, order: Object.values(labels.taskStatus) },
      { title: 'Par priorité', column: 2, order: Object.values(labels.priority) },
      { title: 'Par personne assignée', column: 4 },
    ],
    bar: 1,
    pie: 2,
  },
}

// One DTO (as the list routes return it) to one row of cells, in LAYOUTS' column order.
export const TO_ROW: Record<ExportEntity, (dto: never) => CellValue[]> = {
  organisations: (o: OrganisationDto) => [
    o.name,
    label(labels.type, o.type),
    label(labels.category, o.category),
    label(labels.stage, o.pipelineStage),
    money(o.amount),
    o.city,
    o.country,
    o.email,
    o.phone,
    o.ownerName ?? null,
    o.isActive ? YES : NO,
    date(o.lastContactAt),
    date(o.createdAt),
  ],
  people: (p: PersonDto) => [
    p.lastName,
    p.firstName,
    p.jobTitle,
    p.organisations.map((l) => l.organisationName).join(', '),
    p.personalEmail,
    p.personalPhone,
    p.ownerName,
    date(p.createdAt),
  ],
  mandats: (m: MandateDto) => [
    m.number,
    m.organisationName,
    label(labels.mandateStatus, m.status),
    m.products.map((p) => `${p.name} (${p.isin})`).join(', '),
    money(m.amount),
    date(m.startDate),
    date(m.endDate),
    date(m.signedAt),
    m.ownerName,
  ],
  interactions: (i: InteractionDto) => [
    date(i.occurredAt),
    label(labels.interaction, i.type),
    (i.organisationName as string | null) ?? null,
    i.subject,
    ((i.people as { firstName: string; lastName: string }[]) ?? [])
      .map((p) => `${p.firstName} ${p.lastName}`)
      .join(', '),
    (i.userName as string | null) ?? null,
    i.summary,
  ],
  tasks: (t: TaskDto) => [
    t.title,
    label(labels.taskStatus, t.status),
    label(labels.priority, t.priority),
    date(t.dueAt),
    (t.assigneeName as string | null) ?? null,
    (t.organisationName as string | null) ?? null,
    (t.personName as string | null) ?? null,
    date(t.completedAt as string | null),
  ],
}
