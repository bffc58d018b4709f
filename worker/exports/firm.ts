// The firm's name printed on every PDF (FIRM_NAME in wrangler.toml [vars]).
import type { Env } from '../env.ts'

export const firmName = (env: Pick<Env, 'FIRM_NAME'>) => env.FIRM_NAME?.trim() || 'CRM Distribution'
