// Bytes of a CSV file to text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252,
// the encoding of a French Excel's "CSV (séparateur : point-virgule)". Our own 1252 table: only
// 0x80–0x9F differ from Latin-1, and workerd's TextDecoder is not guaranteed to know the label.
const CP1252_HIGH = [
  0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0xfffd,
  0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0xfffd, 0x017e, 0x0178,
]

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = []
  const STEP = 8192
  for (let start = 0; start < bytes.length; start += STEP) {
    const end = Math.min(bytes.length, start + STEP)
    const codes = new Array<number>(end - start)
    for (let i = start; i < end; i++) {
      const b = bytes[i]!
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b
    }
    parts.push(String.fromCharCode(...codes))
  }
  return parts.join('')
}

export type Encoding = 'utf-8' | 'utf-16le' | 'windows-1252'

export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  }
  try {
    // A 1252 file with accents is never valid UTF-8 ("é" is 0xE9 followed by a letter).
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' }
  }
}
