// A streaming XML tokenizer for the few parts of an .xlsx we read. It accepts the subset Office
// writes and refuses the rest: a DOCTYPE (so no entity can expand), unknown named entities, and
// any token longer than a cell may be (so a 5 MB "cell" never sits in memory).
import { FileRefused } from './file-limits.ts'

export type XmlHandler = {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void
  close(name: string): void
  text(value: string): void
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const MAX_TOKEN = 256 * 1024

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);?/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
    const v = ENTITIES[e]
    if (v === undefined) throw new FileRefused('Fichier Excel refusé : entité XML inconnue.')
    return v
  })
}

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g
// Element names without their namespace prefix (`x:row` and `row` are the same row).
const local = (name: string) => name.slice(name.indexOf(':') + 1)

export class XmlStream {
  private buf = ''
  private readonly handler: XmlHandler
  constructor(handler: XmlHandler) {
    this.handler = handler
  }

  push(chunk: string, final = false) {
    let buf = this.buf + chunk
    let pos = 0
    const len = buf.length
    while (pos < len) {
      const lt = buf.indexOf('<', pos)
      if (lt === -1) break
      if (lt > pos) this.handler.text(unescapeXml(buf.slice(pos, lt)))
      pos = lt
      if (buf.startsWith('<!--', pos)) {
        const end = buf.indexOf('-->', pos + 4)
        if (end === -1) break
        pos = end + 3
        continue
      }
      if (buf.startsWith('<![CDATA[', pos)) {
        const end = buf.indexOf(']]>', pos + 9)
        if (end === -1) break
        this.handler.text(buf.slice(pos + 9, end))
        pos = end + 3
        continue
      }
      if (buf.startsWith('<!', pos)) throw new FileRefused('Fichier Excel refusé : déclaration DOCTYPE interdite.')
      const gt = buf.indexOf('>', pos)
      if (gt === -1) break
      const raw = buf.slice(pos + 1, gt)
      pos = gt + 1
      if (raw[0] === '?') continue
      if (raw[0] === '/') {
        this.handler.close(local(raw.slice(1).trim()))
        continue
      }
      const selfClosing = raw.endsWith('/')
      const body = selfClosing ? raw.slice(0, -1) : raw
      const space = body.search(/\s/)
      const name = local(space === -1 ? body : body.slice(0, space))
      const attrs: Record<string, string> = {}
      if (space !== -1) {
        ATTR.lastIndex = 0
        for (let m = ATTR.exec(body); m; m = ATTR.exec(body)) attrs[local(m[1]!)] = unescapeXml(m[2] ?? m[3] ?? '')
      }
      this.handler.open(name, attrs, selfClosing)
      if (selfClosing) this.handler.close(name)
    }
    buf = buf.slice(pos)
    if (buf.length > MAX_TOKEN)
      throw new FileRefused('Fichier Excel refusé : une cellule ou une balise est trop grande.')
    if (final && buf.trim()) throw new FileRefused('Fichier Excel illisible (XML incomplet).')
    this.buf = buf
  }
}
