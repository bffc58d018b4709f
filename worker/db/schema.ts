// Drizzle schema of the whole domain (DESIGN.md "Domain"). Search columns, triggers and
// extensions are hand-written SQL in migrations/ because drizzle-kit cannot express them.
import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import {
  CATEGORIES,
  INTERACTION_TYPES,
  MANDATE_STATUSES,
  NOTIFICATION_PRIORITIES,
  ORGANISATION_TYPES,
  PIPELINE_STAGES,
  ROLES,
  TASK_PRIORITIES,
  TASK_STATUSES,
} from './enums.ts'

export const roleEnum = pgEnum('role', ROLES)
export const organisationTypeEnum = pgEnum('organisation_type', ORGANISATION_TYPES)
export const categoryEnum = pgEnum('category', CATEGORIES)
export const pipelineStageEnum = pgEnum('pipeline_stage', PIPELINE_STAGES)
export const mandateStatusEnum = pgEnum('mandate_status', MANDATE_STATUSES)
export const interactionTypeEnum = pgEnum('interaction_type', INTERACTION_TYPES)
export const taskPriorityEnum = pgEnum('task_priority', TASK_PRIORITIES)
export const taskStatusEnum = pgEnum('task_status', TASK_STATUSES)
export const notificationPriorityEnum = pgEnum('notification_priority', NOTIFICATION_PRIORITIES)

const id = () => uuid('id').primaryKey().defaultRandom()
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
const money = (name: string) => numeric(name, { precision: 16, scale: 2 })

// ---- accounts -------------------------------------------------------------------------------

export const teams = pgTable('teams', {
  id: id(),
  name: text('name').notNull().unique(),
  createdAt: createdAt(),
})

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull().default('sales'),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    isActive: boolean('is_active').notNull().default(true),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`), index('users_team_idx').on(t.teamId)],
)

export const sessions = pgTable(
  'sessions',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  // The token acts as this user, never above roleCeiling.
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  roleCeiling: roleEnum('role_ceiling').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  createdAt: createdAt(),
})

export const passwordResets = pgTable('password_resets', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
})

// Admin-edited permission matrix; a missing row falls back to the defaults in code.
export const rolePermissions = pgTable(
  'role_permissions',
  {
    role: roleEnum('role').notNull(),
    permission: text('permission').notNull(),
    allowed: boolean('allowed').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.role, t.permission] })],
)

// Local development mailbox: mails are stored here instead of being sent.
export const mails = pgTable('mails', {
  id: id(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
})

// ---- CRM records ----------------------------------------------------------------------------

export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    name: text('name').notNull(),
    type: organisationTypeEnum('type').notNull(),
    category: categoryEnum('category'),
    pipelineStage: pipelineStageEnum('pipeline_stage').notNull().default('PROSPECT'),
    amount: money('amount'),
    email: text('email'),
    phone: text('phone'),
    website: text('website'),
    address: text('address'),
    postalCode: text('postal_code'),
    city: text('city'),
    country: text('country').notNull().default('France'),
    notes: text('notes'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    isActive: boolean('is_active').notNull().default(true),
    stageChangedAt: timestamp('stage_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('organisations_owner_idx').on(t.ownerId),
    index('organisations_type_stage_idx').on(t.type, t.pipelineStage),
    index('organisations_name_id_idx').on(t.name, t.id),
    index('organisations_created_id_idx').on(t.createdAt, t.id),
    index('organisations_last_contact_idx').on(t.lastContactAt),
    // Expression and partial indexes (the lists' keysets, the bin's binned rows) are written by
    // hand in migrations/0014_list_orders.sql and 0015_bin_order.sql.
  ],
)

export const people = pgTable(
  'people',
  {
    id: id(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    personalEmail: text('personal_email'),
    personalPhone: text('personal_phone'),
    jobTitle: text('job_title'),
    notes: text('notes'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    // Owners of the live organisations this person works for: kept by triggers (migration 0008),
    // read by the sales scope (worker/permissions/scope.ts). Never written by the app.
    orgOwnerIds: uuid('org_owner_ids').array().notNull().default(sql`'{}'`),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('people_team_idx').on(t.teamId),
    index('people_owner_idx').on(t.ownerId),
    index('people_name_idx').on(t.lastName, t.firstName, t.id),
  ],
)

export const personOrganisations = pgTable(
  'person_organisations',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    role: text('role'),
    workEmail: text('work_email'),
    workPhone: text('work_phone'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('person_organisations_pair_idx').on(t.personId, t.organisationId),
    index('person_organisations_org_idx').on(t.organisationId),
    // One primary contact per organisation.
    uniqueIndex('person_organisations_primary_idx').on(t.organisationId).where(sql`${t.isPrimary}`),
  ],
)

export const products = pgTable(
  'products',
  {
    id: id(),
    name: text('name').notNull(),
    isin: text('isin').notNull(),
    category: categoryEnum('category'),
    issuerId: uuid('issuer_id').references(() => organisations.id, { onDelete: 'set null' }),
    description: text('description'),
    isActive: boolean('is_active').notNull().default(true),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('products_isin_idx').on(t.isin), index('products_issuer_idx').on(t.issuerId)],
)

export const mandates = pgTable(
  'mandates',
  {
    id: id(),
    number: text('number').notNull().unique(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    status: mandateStatusEnum('status').notNull().default('BROUILLON'),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    startDate: date('start_date'),
    endDate: date('end_date'),
    amount: money('amount'),
    notes: text('notes'),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('mandates_org_idx').on(t.organisationId), index('mandates_team_status_idx').on(t.teamId, t.status)],
)

// Numbering M-YYYY-NNN without gaps under concurrency: one row per year, bumped in the transaction.
export const mandateCounters = pgTable('mandate_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
})

export const mandateProducts = pgTable(
  'mandate_products',
  {
    mandateId: uuid('mandate_id')
      .notNull()
      .references(() => mandates.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.mandateId, t.productId] }), index('mandate_products_product_idx').on(t.productId)],
)

export const interactions = pgTable(
  'interactions',
  {
    id: id(),
    type: interactionTypeEnum('type').notNull(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    subject: text('subject').notNull(),
    summary: text('summary'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('interactions_org_time_idx').on(t.organisationId, t.occurredAt),
    index('interactions_team_time_idx').on(t.teamId, t.occurredAt),
  ],
)

export const interactionPeople = pgTable(
  'interaction_people',
  {
    interactionId: uuid('interaction_id')
      .notNull()
      .references(() => interactions.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.interactionId, t.personId] }),
    index('interaction_people_person_idx').on(t.personId),
  ],
)

export const tasks = pgTable(
  'tasks',
  {
    id: id(),
    title: text('title').notNull(),
    description: text('description'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    priority: taskPriorityEnum('priority').notNull().default('NORMAL'),
    status: taskStatusEnum('status').notNull().default('TODO'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'set null' }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tasks_assignee_status_due_idx').on(t.assigneeId, t.status, t.dueAt),
    index('tasks_org_idx').on(t.organisationId),
    index('tasks_team_status_idx').on(t.teamId, t.status),
  ],
)

export const stageChanges = pgTable(
  'stage_changes',
  {
    id: id(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    fromStage: pipelineStageEnum('from_stage'),
    toStage: pipelineStageEnum('to_stage').notNull(),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stage_changes_org_time_idx').on(t.organisationId, t.changedAt),
    index('stage_changes_time_idx').on(t.changedAt),
  ],
)

// Per-record change history (who, when, what changed), shown on each record.
export const recordHistory = pgTable(
  'record_history',
  {
    id: id(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    changes: jsonb('changes').$type<Record<string, { from: unknown; to: unknown }>>(),
    createdAt: createdAt(),
  },
  (t) => [index('record_history_entity_idx').on(t.entityType, t.entityId, t.createdAt)],
)

// ---- notifications, webhooks, events, audit -------------------------------------------------

export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The event that produced it: a redelivered event never doubles a notification.
    eventId: uuid('event_id'),
    type: text('type').notNull(),
    priority: notificationPriorityEnum('priority').notNull().default('NORMAL'),
    title: text('title').notNull(),
    message: text('message'),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    // Per-user sequence set by a trigger (migrations/0007): a reconnecting client resumes after it.
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    // Time-based types: one notification per record and period (worker/notifications/time-based.cron.ts).
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
  },
  (t) => [
    index('notifications_user_time_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_event_user_type_idx').on(t.eventId, t.userId, t.type),
    uniqueIndex('notifications_user_seq_idx').on(t.userId, t.seq),
  ],
)

export const notificationCounters = pgTable('notification_counters', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
})

// Only the choices a user changed; a missing row means the catalogue's default.
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    inApp: boolean('in_app').notNull().default(true),
    email: boolean('email').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.userId, t.type], name: 'notification_preferences_pk' })],
)

export const notificationSettings = pgTable('notification_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailDigest: boolean('email_digest').notNull().default(false),
})

// Time-based notifications already sent, per user and record-and-period key: the daily cron
// claims a key here before notifying, so a record is not reported again before a week passes.
export const notificationMarks = pgTable(
  'notification_marks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key], name: 'notification_marks_pk' })],
)

// E-mails owed to a user: sent right after the notification, or gathered by the daily digest.
export const notificationEmails = pgTable('notification_emails', {
  id: id(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  type: text('type').notNull(),
  title: text('title').notNull(),
  message: text('message'),
  link: text('link'),
  digest: boolean('digest').notNull(),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  createdAt: createdAt(),
})

export const webhooks = pgTable('webhooks', {
  id: id(),
  url: text('url').notNull(),
  description: text('description'),
  events: text('events').array().notNull(),
  // Encrypted with WEBHOOK_SECRET_KEY (worker/webhooks/secret-box.ts): a dump alone cannot sign.
  secret: text('secret').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  // Rotation overlap: the old secret still signs until then.
  previousSecret: text('previous_secret'),
  previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
  disabledReason: text('disabled_reason'),
  failingSince: timestamp('failing_since', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
})

// One event to deliver to one endpoint; its attempts are the rows of webhook_deliveries.
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    id: id(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('webhook_messages_hook_event_idx').on(t.webhookId, t.eventId),
    index('webhook_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_messages_created_idx').on(t.createdAt),
  ],
)

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: id(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    attempt: integer('attempt').notNull().default(1),
    status: text('status').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    durationMs: integer('duration_ms'),
    createdAt: createdAt(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => webhookMessages.id, { onDelete: 'cascade' }),
    nextRetryAt: timestamp('next_retry_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_hook_time_idx').on(t.webhookId, t.createdAt),
    index('webhook_deliveries_created_idx').on(t.createdAt),
  ],
)

export const outbox = pgTable(
  'outbox',
  {
    // The event id: consumers deduplicate on it.
    id: id(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('outbox_pending_idx').on(t.createdAt).where(sql`${t.dispatchedAt} is null`)],
)

export const processedEvents = pgTable(
  'processed_events',
  {
    eventId: uuid('event_id').notNull(),
    consumer: text('consumer').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.consumer] })],
)

export const auditLog = pgTable(
  'audit_log',
  {
    id: id(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details'),
    createdAt: createdAt(),
  },
  (t) => [
    // Its order, at the millisecond: audit_log_order_idx (migrations/0016_audit_order.sql).
    index('audit_log_action_time_idx').on(t.action, t.createdAt),
    index('audit_log_actor_time_idx').on(t.actorId, t.createdAt),
  ],
)

// ---- imports (migrations/0004_imports.sql) --------------------------------------------------

export const imports = pgTable(
  'imports',
  {
    id: id(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    format: text('format').notNull(),
    sheetName: text('sheet_name'),
    headers: jsonb('headers').$type<string[]>().notNull(),
    mapping: jsonb('mapping').$type<(string | null)[]>().notNull(),
    mode: text('mode'),
    status: text('status').notNull().default('uploaded'),
    rowCount: integer('row_count').notNull(),
    chunkSize: integer('chunk_size').notNull(),
    chunkCount: integer('chunk_count').notNull(),
    chunksDone: integer('chunks_done').notNull().default(0),
    rowsDone: integer('rows_done').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    failure: text('failure'),
    revertReport: jsonb('revert_report'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    revertedAt: timestamp('reverted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('imports_user_time_idx').on(t.userId, t.createdAt), index('imports_time_idx').on(t.createdAt)],
)

// One row per file line written: a retried chunk finds its lines here and writes nothing twice.
export const importRows = pgTable(
  'import_rows',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    outcome: text('outcome').notNull(),
    recordId: uuid('record_id'),
    columnName: text('column_name'),
    message: text('message'),
    previous: jsonb('previous').$type<Record<string, unknown>>(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
)

export const importMappings = pgTable(
  'import_mappings',
  {
    entity: text('entity').notNull(),
    headerKey: text('header_key').notNull(),
    mapping: jsonb('mapping').$type<(string | null)[]>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.headerKey] })],
)

// ---- exports (migrations/0005_exports.sql) --------------------------------------------------

export const exportJobs = pgTable(
  'exports',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    entity: text('entity').notNull(),
    format: text('format').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull().default({}),
    ids: jsonb('ids').$type<string[]>(),
    status: text('status').notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    rowCount: integer('row_count'),
    fileKey: text('file_key'),
    fileName: text('file_name'),
    sizeBytes: integer('size_bytes'),
    failure: text('failure'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull().default(sql`now() + interval '7 days'`),
  },
  (t) => [index('exports_user_time_idx').on(t.userId, t.createdAt), index('exports_expires_idx').on(t.expiresAt)],
)
