// What the webhooks API accepts and answers. The event catalogue is the one of
// worker/events/event-types.ts plus webhook.test; "*" subscribes an endpoint to every event.
import { z } from 'zod'
import { EVENT_TYPES, WEBHOOK_TEST_EVENT } from '../events/event-types.ts'
import { DateTimeSchema } from '../shared/fields.ts'
import { CursorSchema, LimitSchema } from '../shared/query-fields.ts'

export const ALL_EVENTS = '*'
export const WEBHOOK_EVENT_CATALOGUE = [...EVENT_TYPES, WEBHOOK_TEST_EVENT] as const
const SUBSCRIBABLE = new Set<string>([...WEBHOOK_EVENT_CATALOGUE, ALL_EVENTS])

const Url = z.string().trim().min(1, 'Indiquez l’URL.').max(2000, 'URL trop longue (2000 caractères au plus).')
const Events = z
  .array(z.string())
  .min(1, 'Choisissez au moins un événement (ou « tous »).')
  .max(100)
  .refine((list) => list.every((e) => SUBSCRIBABLE.has(e)), 'Événement inconnu : choisissez dans le catalogue.')
  .transform((list) => (list.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(list)]))

export const WebhookCreate = z.object({
  url: Url,
  description: z.string().trim().max(500).optional(),
  events: Events,
})
export const WebhookUpdate = z.object({
  url: Url.optional(),
  description: z.string().trim().max(500).nullable().optional(),
  events: Events.optional(),
  isActive: z.boolean().optional(),
})
export type WebhookCreateInput = z.infer<typeof WebhookCreate>
export type WebhookUpdateInput = z.infer<typeof WebhookUpdate>

export const WebhookDto = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  isActive: z.boolean(),
  disabledReason: z.string().nullable(),
  // Set while the previous secret still signs (24 h after a rotation).
  rotationEndsAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  failingSince: z.string().nullable(),
  // When it stopped receiving (disabled or failing): what a replay after re-enabling starts from.
  missedSince: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export const WebhookWithSecret = WebhookDto.extend({ secret: z.string() })

export const DELIVERY_STATUSES = ['succeeded', 'failed'] as const
export const DeliveryDto = z.object({
  id: z.string(),
  messageId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  attempt: z.number(),
  status: z.enum(DELIVERY_STATUSES),
  responseStatus: z.number().nullable(),
  responseExcerpt: z.string().nullable(),
  durationMs: z.number().nullable(),
  nextRetryAt: z.string().nullable(),
  createdAt: z.string(),
})
export const DeliveryQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  eventType: z.string().max(60).optional(),
  cursor: CursorSchema,
  limit: LimitSchema(50),
})
export const ReplayBody = z.object({
  since: DateTimeSchema,
})
export const TestOutcome = z.object({
  deliveryId: z.string(),
  eventId: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  responseStatus: z.number().nullable(),
  responseExcerpt: z.string().nullable(),
  durationMs: z.number(),
})
