import { describe, expect, test } from 'vitest'
import {
  findMatches,
  fold,
  MARK_END,
  MARK_START,
  parseHeadline,
  tokenize,
  typoDistance,
} from '../../worker/search/search-text.ts'

describe('search text', () => {
  test('folding drops accents and case the way unaccent does, ligatures included', () => {
    expect(fold('Société Générale')).toBe('societe generale')
    expect(fold('Œuvre ÆGIS Straße Łódź')).toBe('oeuvre aegis strasse lodz')
  })

  test('only letters and digits become tokens, so no input can change the structure of a tsquery', () => {
    const hostile = [
      "'",
      '\\',
      '&|!:*()',
      "a' & b:* | !c",
      '<->',
      '😀',
      '\u0000',
      "'; drop table x; --",
      'a:*A',
      '"quoted"',
    ]
    for (const q of hostile) {
      for (const token of tokenize(q)) expect(token).toMatch(/^[\p{L}\p{N}]+$/u)
    }
    expect(tokenize("L'Étoile & Cie : M-2026-014")).toEqual(['etoile', 'cie', '2026', '014'])
    expect(tokenize('a')).toEqual(['a'])
    expect(tokenize('x'.repeat(100)).at(0)).toHaveLength(40)
    expect(tokenize('a b c d e f g h i j k l mm nn oo pp qq rr ss tt')).toHaveLength(8)
  })

  test('one typo is tolerated up to seven letters, two from eight, a swapped pair counting as one', () => {
    expect(typoDistance('alfrois', 'alforis')).toBe(1)
    expect(typoDistance('bernad', 'bernard')).toBe(1)
    expect(typoDistance('betrand', 'gerant')).toBeUndefined()
    expect(typoDistance('richelieux', 'richelieu')).toBe(1)
    expect(typoDistance('rchelieuu', 'richelieu')).toBe(2)
    expect(typoDistance('mazrin', 'montaigne')).toBeUndefined()
    // Still typing, with a typo: compared with the beginning of the word.
    expect(typoDistance('alfroi', 'alforis')).toBeDefined()
  })

  test('matches are found as word prefixes, accents ignored, and headline marks become ranges', () => {
    expect(findMatches('Société Générale Paris', ['generale', 'pa'])).toEqual([
      [8, 16],
      [17, 22],
    ])
    expect(findMatches('Groupe Alforis', ['alfrois'], ['alforis'])).toEqual([[7, 14]])
    expect(parseHeadline(`Intéressé par les ${MARK_START}fonds${MARK_END} ISR`)).toEqual({
      text: 'Intéressé par les fonds ISR',
      ranges: [[18, 23]],
    })
  })
})
