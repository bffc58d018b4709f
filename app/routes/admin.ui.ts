// Shared look of the administration screens (the app's classes plus a compact select).
export { btn, card, cx, h2, link, muted, neutralBadge } from '../components/ui'
export const inputSm =
  'min-h-11 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900'
