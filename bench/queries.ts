// The mixed queries of the search benchmark: what users type into the palette, drawn from the
// vocabulary of the large seed (scripts/seed.ts seedLarge), the same list on every run.
import { CITIES, FIRST_NAMES, LAST_NAMES, ORG_PREFIXES, ORG_ROOTS, ORG_SUFFIXES, rng } from '../scripts/seed-data.ts'

export type BenchQuery = {
  kind: string
  q: string
  endpoint: 'search' | 'autocomplete'
  user: 'admin' | 'manager' | 'sales'
}

const stripAccents = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')

// One or two typos, as people make them: a swapped pair, a dropped or a doubled letter.
function typo(word: string, r: ReturnType<typeof rng>) {
  const w = word.toLowerCase()
  const i = r.int(1, Math.max(1, w.length - 3))
  switch (r.int(0, 2)) {
    case 0:
      return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)
    case 1:
      return w.slice(0, i) + w.slice(i + 1)
    default:
      return w.slice(0, i) + w[i] + w.slice(i)
  }
}

export function benchQueries(count: number, organisations: number): BenchQuery[] {
  const r = rng(5)
  const users = ['admin', 'admin', 'manager', 'sales'] as const
  const orgName = (g: number) =>
    `${ORG_PREFIXES[g % ORG_PREFIXES.length]} ${ORG_ROOTS[Math.floor(g / 7) % ORG_ROOTS.length]} ` +
    `${ORG_SUFFIXES[Math.floor(g / 311) % ORG_SUFFIXES.length]} ${g}`
  const longRoots = ORG_ROOTS.filter((w) => w.length >= 6)
  const makers: [string, () => string, BenchQuery['endpoint']][] = [
    ['exact organisation name', () => orgName(r.int(1, organisations)), 'search'],
    ['name without accents', () => stripAccents(orgName(r.int(1, organisations))).toLowerCase(), 'search'],
    ['one word of a name', () => r.pick(ORG_ROOTS), 'search'],
    ['typo in a name', () => typo(r.pick(longRoots), r), 'search'],
    ['two typos', () => typo(typo(r.pick(longRoots.filter((w) => w.length >= 8)), r), r), 'search'],
    [
      'typo and accents, two words',
      () => `${stripAccents(r.pick(ORG_PREFIXES)).toLowerCase()} ${typo(r.pick(longRoots), r)}`,
      'search',
    ],
    ['city', () => r.pick(CITIES)[0], 'search'],
    ['person full name', () => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`, 'search'],
    ['person last name, typo', () => typo(r.pick(LAST_NAMES.filter((w) => w.length >= 6)), r), 'search'],
    ['e-mail', () => `contact${r.int(1, organisations)}@exemple.fr`, 'search'],
    ['e-mail beginning', () => `personne${r.int(1, organisations * 2)}`.slice(0, r.int(10, 13)), 'search'],
    [
      'word of the notes',
      () => r.pick(['climat', 'patrimonia', 'trimestriels', 'obligataire', 'fortunés', 'collégiale']),
      'search',
    ],
    ['mandate number', () => `M-${new Date().getFullYear()}-0${r.int(10, 70)}`, 'search'],
    ['typing: 2 letters', () => stripAccents(r.pick(ORG_ROOTS)).slice(0, 2).toLowerCase(), 'autocomplete'],
    [
      'typing: 3-5 letters',
      () =>
        r
          .pick([...ORG_ROOTS, ...LAST_NAMES])
          .slice(0, r.int(3, 5))
          .toLowerCase(),
      'autocomplete',
    ],
    ['typing: prefix with a typo', () => typo(r.pick(longRoots), r).slice(0, r.int(5, 7)), 'autocomplete'],
    [
      'typing: first name and last name start',
      () => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES).slice(0, 3)}`,
      'autocomplete',
    ],
    [
      'typing: organisation name start',
      () => orgName(r.int(1, organisations)).split(' ').slice(0, 2).join(' ').slice(0, -2),
      'autocomplete',
    ],
  ]
  return Array.from({ length: count }, (_, i) => {
    const [kind, make, endpoint] = makers[i % makers.length]!
    return { kind, q: make(), endpoint, user: users[r.int(0, users.length - 1)]! }
  })
}
