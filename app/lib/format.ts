// fr-FR formatting for dates, numbers and amounts (amounts arrive as decimal strings).
const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 })
const number = new Intl.NumberFormat('fr-FR')
const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'Europe/Paris' })
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' })

export const formatMoney = (v: string | number | null | undefined) => (v == null || v === '' ? '—' : money.format(Number(v)))
export const formatNumber = (v: number) => number.format(v)
export const formatDate = (v: string | null | undefined) => (v ? date.format(new Date(v)) : '—')
export const formatDateTime = (v: string | null | undefined) => (v ? dateTime.format(new Date(v)) : '—')
