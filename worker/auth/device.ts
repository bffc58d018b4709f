// A short human label for a session's user agent ("Chrome sur Windows"), for the sessions list.
const BROWSERS: [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/HeadlessChrome/, 'Chrome (automatisé)'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/curl\//, 'curl'],
  [/node|undici/i, 'Node.js'],
]
const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad/, 'iOS'],
  [/Android/, 'Android'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

export function describeDevice(userAgent: string | null | undefined): string {
  if (!userAgent) return 'Appareil inconnu'
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1] ?? 'Navigateur inconnu'
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1]
  return system ? `${browser} sur ${system}` : browser
}
