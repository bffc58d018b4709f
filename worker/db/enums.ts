// Domain enums: the single source for the database enums, zod schemas and UI labels.
export const ROLES = ['admin', 'manager', 'sales', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ORGANISATION_TYPES = ['INVESTISSEUR', 'FOURNISSEUR', 'DISTRIBUTEUR', 'EMETTEUR'] as const
export type OrganisationType = (typeof ORGANISATION_TYPES)[number]

export const CATEGORIES = ['OPCVM', 'ETF', 'SCPI', 'SCI', 'ASSURANCE_VIE', 'PRIVATE_EQUITY'] as const
export type Category = (typeof CATEGORIES)[number]

export const PIPELINE_STAGES = ['PROSPECT', 'QUALIFICATION', 'PROPOSITION', 'SIGNE'] as const
export type PipelineStage = (typeof PIPELINE_STAGES)[number]

export const MANDATE_STATUSES = ['BROUILLON', 'EN_NEGOCIATION', 'SIGNE', 'ACTIF', 'RESILIE', 'EXPIRE'] as const
export type MandateStatus = (typeof MANDATE_STATUSES)[number]

export const INTERACTION_TYPES = ['CALL', 'EMAIL', 'MEETING', 'NOTE'] as const
export type InteractionType = (typeof INTERACTION_TYPES)[number]

export const TASK_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const
export type TaskPriority = (typeof TASK_PRIORITIES)[number]

export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

export const NOTIFICATION_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const
export type NotificationPriority = (typeof NOTIFICATION_PRIORITIES)[number]
