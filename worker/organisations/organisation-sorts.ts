// The organisation list's sort keys, apart from the zod schemas: the list page's filter bar needs
// them in the browser, and importing the schema file brought zod along (26 KB gzip of first load).
export const SORTS = [
  'name',
  '-name',
  'createdAt',
  '-createdAt',
  'amount',
  '-amount',
  'stageChangedAt',
  '-stageChangedAt',
] as const
