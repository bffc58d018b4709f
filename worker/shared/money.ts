// Decimal strings ↔ integer cents (BigInt): sums of money never go through a float.
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
