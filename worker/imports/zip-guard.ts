// Reading zip parts (an .xlsx is a zip) without trusting the archive: the central directory's
// declared sizes are checked before anything is inflated, and the bytes actually inflated are
// counted as they come, so neither a lying header nor a zip bomb gets past the limits.
import { Unzip, UnzipInflate } from 'fflate'
import { FileRefused, MAX_INFLATE_RATIO, MAX_PART_BYTES, MAX_SHEET_XML_BYTES } from './file-limits.ts'

export type ZipEntry = { name: string; compressed: number; size: number }
const bomb = () => new FileRefused('Fichier Excel refusé : archive anormale (tailles décompressées démesurées).')

export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd === -1) throw new FileRefused('Ce fichier n’est pas un classeur .xlsx valide (archive illisible).')
  const count = view.getUint16(eocd + 10, true)
  let p = view.getUint32(eocd + 16, true)
  const entries: ZipEntry[] = []
  let total = 0
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      throw new FileRefused('Ce fichier n’est pas un classeur .xlsx valide (répertoire de l’archive illisible).')
    }
    const compressed = view.getUint32(p + 20, true)
    const size = view.getUint32(p + 24, true)
    const nameLength = view.getUint16(p + 28, true)
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength))
    // 0xFFFFFFFF means ZIP64: 4 GB of XML is not a client list.
    if (size === 0xffffffff || size > MAX_SHEET_XML_BYTES) throw bomb()
    if (size > 1024 * 1024 && size > MAX_INFLATE_RATIO * Math.max(1, compressed)) throw bomb()
    total += size
    entries.push({ name, compressed, size })
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true)
  }
  if (total > 2 * MAX_SHEET_XML_BYTES) throw bomb()
  return entries
}

// Streams one part's text to onText in pieces (UTF-8 decoded across piece boundaries).
// The part's text, piece by piece as it inflates (a generator: the reader of a sheet hands out its
// rows between pieces); its size is counted as it comes, a lying header stops at its declared size.
export function* partTexts(bytes: Uint8Array, entry: ZipEntry, max = MAX_PART_BYTES): Generator<[string, boolean]> {
  let seen = false
  let inflated = 0
  // fflate reports what a callback throws as a data error: keep our own refusal to rethrow it.
  let failure: unknown = null
  const pieces: [string, boolean][] = []
  const decoder = new TextDecoder('utf-8')
  const unzip = new Unzip((file) => {
    if (file.name !== entry.name || seen) return
    seen = true
    file.ondata = (error, data, final) => {
      if (failure) return
      try {
        if (error) throw new FileRefused('Fichier Excel illisible (données compressées invalides).')
        inflated += data.length
        if (inflated > max || inflated > entry.size + 1024) throw bomb()
        pieces.push([decoder.decode(data, { stream: !final }), final])
      } catch (e) {
        failure = e
      }
    }
    file.start()
  })
  unzip.register(UnzipInflate)
  const STEP = 64 * 1024
  for (let i = 0; i < bytes.length && !failure; i += STEP) {
    unzip.push(bytes.subarray(i, i + STEP), i + STEP >= bytes.length)
    if (failure) break
    yield* pieces.splice(0)
  }
  if (failure) throw failure
  if (!seen) throw new FileRefused(`Classeur incomplet : la partie ${entry.name} manque.`)
}

export function streamPart(
  bytes: Uint8Array,
  entry: ZipEntry,
  onText: (text: string, final: boolean) => void,
  max = MAX_PART_BYTES,
) {
  for (const [text, final] of partTexts(bytes, entry, max)) onText(text, final)
}

export function readPart(bytes: Uint8Array, entry: ZipEntry, max = MAX_PART_BYTES): string {
  const parts: string[] = []
  streamPart(bytes, entry, (t) => parts.push(t), max)
  return parts.join('')
}
