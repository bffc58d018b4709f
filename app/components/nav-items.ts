// The app's screens as the menus list them, once: the side menu (and the phone drawer) shows them
// all, the phone's bottom bar the four most used. `perm` hides an entry from who lacks it.
import { t } from '../i18n/fr'

export const NAV = [
  { to: '/', label: t('nav.dashboard'), icon: 'M3 12l9-9 9 9M5 10v10h14V10', end: true },
  {
    to: '/organisations',
    label: t('nav.organisations'),
    icon: 'M3 21h18M5 21V7l7-4 7 4v14M9 9h1m4 0h1M9 13h1m4 0h1M9 17h1m4 0h1',
  },
  { to: '/pipeline', label: t('nav.pipeline'), icon: 'M4 4h4v16H4zM10 4h4v10h-4zM16 4h4v6h-4z' },
  {
    to: '/people',
    label: t('nav.people'),
    icon: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M2 21v-1a7 7 0 0 1 14 0v1M17 11a3 3 0 1 0 0-6M22 21v-1a5 5 0 0 0-4-4.9',
  },
  { to: '/mandates', label: t('nav.mandates'), icon: 'M7 3h7l5 5v13H7zM14 3v5h5M10 13h6M10 17h4' },
  { to: '/products', label: t('nav.products'), icon: 'M21 8l-9-5-9 5 9 5 9-5zM3 8v8l9 5 9-5V8M12 13v8' },
  {
    to: '/tasks',
    label: t('nav.tasks'),
    icon: 'M9 11l3 3 8-8M20 12v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h11',
  },
  {
    to: '/imports',
    label: t('nav.imports'),
    icon: 'M12 3v12M7 10l5 5 5-5M4 17v3h16v-3',
    perm: 'organisations:import',
  },
  {
    to: '/bin',
    label: t('nav.bin'),
    icon: 'M4 7h16M10 11v6M14 11v6M5 7l1 13h12l1-13M9 7V4h6v3',
    perm: 'settings:manage',
  },
  {
    to: '/admin',
    label: t('nav.admin'),
    icon:
      'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 ' +
      '0 0-2.8 1.2V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-2.8-1.2l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1A1.7 1.7 0 0 0 3 ' +
      '15H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.2-2.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1A1.7 1.7 0 0 0 10 4.1V4a2 2 0 ' +
      '1 1 4 0v.1a1.7 1.7 0 0 0 2.8 1.2l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1A1.7 1.7 0 0 0 21 10.9V11a2 2 0 1 1 0 ' +
      '4h-.1a1.7 1.7 0 0 0-1.5 1',
    perm: 'users:manage',
  },
  {
    to: '/aide',
    label: t('nav.help'),
    icon: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01',
  },
]
// In the phone menu (drawer, "Plus"): below 640 px the header has no room for the name link.
export const ACCOUNT_ITEM = {
  to: '/account',
  label: t('nav.account'),
  icon: 'M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8M4 21v-1a8 8 0 0 1 16 0v1',
}

const entry = (to: string) => NAV.find((i) => i.to === to)!
// At thumb reach on a phone: a short label for the dashboard, and the pipeline opens on its kanban.
export const BOTTOM_NAV = [
  { ...entry('/'), label: t('nav.dashboard.short') },
  entry('/organisations'),
  { ...entry('/pipeline'), to: '/pipeline/kanban' },
  entry('/tasks'),
]
