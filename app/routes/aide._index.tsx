// Help home: the guides, and where the API documentation lives.
import { Link } from 'react-router'
import { GUIDES } from '../help/guides'
import { t } from '../i18n/fr'
import { card, cx, link, muted } from '../components/ui'

export default function HelpHome() {
  return (
    <>
      <ul className="grid gap-3 sm:grid-cols-2">
        {GUIDES.map((g) => (
          <li key={g.slug}>
            <Link
              to={`/aide/${g.slug}`}
              className={cx(card, 'block h-full p-4 hover:border-blue-400 dark:hover:border-blue-500')}
            >
              <span className="font-semibold">{g.title}</span>
              <span className={cx(muted, 'mt-1 block text-sm')}>{g.summary}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className={cx(muted, 'text-sm')}>
        {t('help.paletteHint')}{' '}
        <a href="/api/docs" className={link}>
          {t('help.apiDocs')}
        </a>
      </p>
    </>
  )
}
