// Decimal strings ↔ integer cents (BigInt): sums of money never go through a float.
import { sql } from 'drizzle-orm'

// A sum of a money column as text, in unconstrained numeric: a cast back to the column's
// numeric(16,2) overflowed once one team's amounts passed 10^14 and took its dashboard down.
export const sumMoneySql = (column: unknown) => sql<string>`round(coalesce(sum(${column}), 0), 2)::text`
export const toCents = (amount: string | null | undefined) => {
  if (!amount) return 0n
  const [int, frac = ''] = amount.split('.')
  const negative = int!.startsWith('-')
  const cents = BigInt(int!.replace('-', '')) * 100n + BigInt((frac + '00').slice(0, 2))
  return negative ? -cents : cents
}
export const fromCents = (cents: bigint) => {
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}
export const sumMoney = (amounts: (string | null | undefined)[]) =>
  fromCents(amounts.reduce((s, a) => s + toCents(a), 0n))
