// Biome formats to 120 columns but cannot break a long string, JSX text, SQL template or comment,
// and has no max-line-length lint rule; this check keeps such lines out. Run by `npm run lint`.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'

const MAX = 120

// Counted in characters (code points), as Biome's lineWidth does: counting UTF-8 bytes would refuse
// a French line of 118 characters that the formatter joins back onto one line whenever it is split.
const lengthOf = (line: string) => Array.from(line).length

// Generated files (fonts as base64) are written by a script, not read.
const GENERATED = /\.generated\.ts$/

// Tracked and new files alike, so a file is checked before its first commit; a deleted one is skipped.
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((path) => path && existsSync(path))

const offending: string[] = []
for (const path of new Set(files)) {
  if (GENERATED.test(path)) continue
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      const length = lengthOf(line)
      if (length > MAX) offending.push(`${path}:${index + 1}: ${length} characters`)
    })
}

if (offending.length > 0) {
  console.error(`${offending.length} line(s) over ${MAX} characters:\n${offending.join('\n')}`)
  process.exit(1)
}
