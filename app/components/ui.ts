// Shared class names. Colour pairs checked for WCAG AA in both themes (text ≥ 4.5:1, shapes ≥ 3:1):
// blue-700/white 6.7:1, red-700/white 6.5:1, slate-600/white 7.6:1, slate-400/slate-900 7.0:1,
// blue-300/slate-900 10:1, *-900 on *-100 badges > 8:1, *-100 on *-900/60 badges > 7:1.
import type { PipelineStage } from '../../worker/db/enums'

const base =
  'inline-flex min-h-11 items-center justify-center gap-2 rounded-md px-4 text-sm font-medium ' +
  'disabled:cursor-not-allowed disabled:opacity-60'
export const btn = {
  primary: `${base} bg-blue-700 text-white hover:bg-blue-800`,
  secondary:
    `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 dark:border-slate-600 ` +
    `dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700`,
  danger: `${base} bg-red-700 text-white hover:bg-red-800`,
  ghost: `${base} text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800`,
  icon:
    'inline-flex h-11 w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 ' +
    'dark:text-slate-200 dark:hover:bg-slate-800',
}
export const link = 'text-blue-700 hover:underline dark:text-blue-300'
export const muted = 'text-slate-600 dark:text-slate-400'
export const card = 'rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900'
export const h1 = 'text-2xl font-semibold'
export const h2 = 'text-lg font-semibold'

export const STAGE_BADGE: Record<PipelineStage, string> = {
  PROSPECT: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
  QUALIFICATION: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
  PROPOSITION: 'bg-orange-100 text-orange-900 dark:bg-orange-900/60 dark:text-orange-100',
  SIGNE: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
}
// Chart fills (≥ 3:1 against white and slate-900).
export const STAGE_FILL: Record<PipelineStage, string> = {
  PROSPECT: 'fill-sky-600',
  QUALIFICATION: 'fill-amber-600',
  PROPOSITION: 'fill-orange-600',
  SIGNE: 'fill-emerald-600',
}
export const STAGE_BORDER: Record<PipelineStage, string> = {
  PROSPECT: 'border-t-sky-600',
  QUALIFICATION: 'border-t-amber-600',
  PROPOSITION: 'border-t-orange-600',
  SIGNE: 'border-t-emerald-600',
}
export const badge = 'inline-flex items-center gap-1 rounded-full px-2.5 py-0.5 text-xs font-medium'
export const staleBadge = `${badge} bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100`
export const neutralBadge = `${badge} bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200`

export const cx = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(' ')
