// Help entries for the command palette: guides, their sections and FAQ questions, matched on
// folded words (accents and case ignored). Loaded by a dynamic import when the palette gets a
// query, so no page pays for the help text in its first load.
import { fold } from '../../worker/search/search-text'
import { FAQ } from './faq'
import { GUIDES, TOPICS, topicHref } from './guides'

export type HelpHit = { key: string; title: string; href: string }

function words(s: string) {
  return fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2)
}

type Entry = HelpHit & { have: string[]; inTitle: string[] }
const ENTRIES: Entry[] = [
  ...GUIDES.map((g) => ({ key: `help:${g.slug}`, title: g.title, href: `/aide/${g.slug}`, text: g.summary })),
  ...TOPICS.map((t) => ({ key: `help:${t.guide}#${t.id}`, title: t.title, href: topicHref(t), text: t.words })),
  ...FAQ.flatMap((s) => s.entries).map((e) => ({
    key: `help:faq#${e.id}`,
    title: e.q,
    href: `/aide/faq#${e.id}`,
    text: e.a,
  })),
].map(({ text, ...hit }) => ({ ...hit, have: words(`${hit.title} ${text}`), inTitle: words(hit.title) }))

// Every word of the query must start a word of the entry; titles that match rank first.
export function searchHelp(q: string, limit = 4): HelpHit[] {
  const wanted = words(q)
  if (!wanted.length) return []
  const scored: { hit: HelpHit; score: number }[] = []
  for (const e of ENTRIES) {
    if (!wanted.every((w) => e.have.some((h) => h.startsWith(w)))) continue
    const score = wanted.filter((w) => e.inTitle.some((h) => h.startsWith(w))).length
    scored.push({ hit: { key: e.key, title: e.title, href: e.href }, score })
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.hit)
}
