// Task shapes: the create/update schemas serve the API and the forms.
import { z } from 'zod'
import { TASK_PRIORITIES, TASK_STATUSES } from '../db/enums.ts'
import { DateTimeSchema, NotesSchema, TextSchema, UuidSchema, opt } from '../shared/fields.ts'
import { BoolParam, CursorSchema, LimitSchema, csv } from '../shared/query-fields.ts'

export const TaskInput = z.object({
  title: TextSchema(200).min(1, 'Ce champ est obligatoire.'),
  description: opt(NotesSchema),
  dueAt: opt(DateTimeSchema),
  priority: z.enum(TASK_PRIORITIES, { message: 'Priorité invalide.' }).optional(),
  status: z.enum(TASK_STATUSES, { message: 'Statut invalide.' }).optional(),
  // Defaults to the author; must be an active user of the author's team (any user for an admin).
  assigneeId: opt(UuidSchema),
  organisationId: opt(UuidSchema),
  personId: opt(UuidSchema),
})
export type TaskInput = z.infer<typeof TaskInput>
export const TaskCreate = TaskInput
export const TaskUpdate = TaskInput.partial()

export const Task = z.object({
  id: z.string().uuid(),
  title: z.string(),
  description: z.string().nullable(),
  dueAt: z.string().nullable(),
  priority: z.enum(TASK_PRIORITIES),
  status: z.enum(TASK_STATUSES),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  createdBy: z.string().nullable(),
  teamId: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  completedAt: z.string().nullable(),
  // Open (TODO or IN_PROGRESS) and past its due date.
  isOverdue: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})

// "due": overdue open tasks first, then by due date (no date last). The default, and what
// `mine=true` is for ("my day").
export const TASK_SORTS = ['due', '-createdAt', 'createdAt'] as const

export const TaskListQuery = z.object({
  limit: LimitSchema(),
  cursor: CursorSchema,
  sort: z.enum(TASK_SORTS).default('due'),
  mine: BoolParam,
  status: csv(TASK_STATUSES),
  priority: csv(TASK_PRIORITIES),
  assigneeId: UuidSchema.optional(),
  organisationId: UuidSchema.optional(),
  personId: UuidSchema.optional(),
  overdue: BoolParam,
})
export type TaskListQuery = z.infer<typeof TaskListQuery>
