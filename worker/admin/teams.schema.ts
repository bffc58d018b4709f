// Team shapes: the answer with its member count, and the one field a caller writes.
import { z } from 'zod'

export const TeamDto = z.object({ id: z.string(), name: z.string(), memberCount: z.number(), createdAt: z.string() })
export const TeamInput = z.object({ name: z.string().trim().min(1, 'Saisissez un nom.').max(120) })
export type TeamInput = z.infer<typeof TeamInput>
