import { t } from '../i18n/fr'
import { Icon } from './icon'

export function toggleTheme() {
  const dark = !document.documentElement.classList.contains('dark')
  document.documentElement.classList.toggle('dark', dark)
  try {
    localStorage.setItem('theme', dark ? 'dark' : 'light')
  } catch {}
}

export function ThemeToggle() {
  return (
    <button
      type="button"
      onClick={toggleTheme}
      aria-label={t('theme.toggle')}
      title={t('theme.toggle')}
      data-testid="theme-toggle"
      className={
        'flex h-11 w-11 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 ' +
        'dark:text-slate-200 dark:hover:bg-slate-800'
      }
    >
      <Icon path="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" className="h-5 w-5 dark:hidden" />
      <Icon
        path="M12 2v2m0 16v2M4.9 4.9l1.4 1.4m11.4 11.4 1.4 1.4M2 12h2m16 0h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"
        className="hidden h-5 w-5 dark:block"
      >
        <circle cx="12" cy="12" r="4" />
      </Icon>
    </button>
  )
}
