// The API's answers, typed from its own zod schemas (type-only: nothing of the worker is bundled).
import type { z } from 'zod'
import type { Contact, Person, PersonLink } from '../../worker/people/person.schema'
import type { Product } from '../../worker/products/product.schema'
import type { Mandate } from '../../worker/mandates/mandate.schema'
import type { Interaction } from '../../worker/interactions/interaction.schema'
import type { Task } from '../../worker/tasks/task.schema'
import type { PipelineAnalytics, PipelineBoard, PipelineColumn } from '../../worker/pipeline/pipeline.schema'
import type { Dashboard } from '../../worker/dashboard/dashboard.schema'
import type { BinItem } from '../../worker/bin/bin.schema'
import type { BulkResult, HistoryEntry, Organisation } from '../../worker/organisations/organisation.schema'
import type { UserDto } from '../../worker/admin/users.schema'

export type Page<T> = { data: T[]; nextCursor: string | null }
export type OrganisationDto = z.infer<typeof Organisation>
export type PersonDto = z.infer<typeof Person>
export type PersonLinkDto = z.infer<typeof PersonLink>
export type ContactDto = z.infer<typeof Contact>
export type ProductDto = z.infer<typeof Product>
export type MandateDto = z.infer<typeof Mandate>
export type InteractionDto = z.infer<typeof Interaction>
export type TaskDto = z.infer<typeof Task>
export type BoardDto = z.infer<typeof PipelineBoard>
export type ColumnDto = z.infer<typeof PipelineColumn>
export type AnalyticsDto = z.infer<typeof PipelineAnalytics>
export type DashboardDto = z.infer<typeof Dashboard>
export type BinItemDto = z.infer<typeof BinItem>
export type HistoryEntryDto = z.infer<typeof HistoryEntry>
export type BulkResultDto = z.infer<typeof BulkResult>
// As the users page gets it: with the account's security state, sent to those who manage users.
export type AdminUserDto = Required<z.infer<typeof UserDto>>
