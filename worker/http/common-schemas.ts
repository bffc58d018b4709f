import { z } from 'zod'

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export const problemResponses = {
  400: { description: 'Invalid input', content: { 'application/problem+json': { schema: ProblemSchema } } },
  401: { description: 'Not signed in', content: { 'application/problem+json': { schema: ProblemSchema } } },
  403: { description: 'Not allowed', content: { 'application/problem+json': { schema: ProblemSchema } } },
  404: {
    description: 'Not found or outside your scope',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const
export const IdParam = z.object({ id: z.string().max(64) })
export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
})
export const jsonResponse = <T extends z.ZodTypeAny>(schema: T, description = 'OK') => ({
  content: { 'application/json': { schema } },
  description,
})
export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable() })
