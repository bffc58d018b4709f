import { t } from '../i18n/fr'
import { btn } from './ui'

// "Afficher plus": a real link (works before hydration), intercepted to append in place.
export function LoadMore({
  more,
}: {
  more: { hasMore: boolean; loadMore: () => void; loading: boolean; moreHref: string | null }
}) {
  if (!more.hasMore || !more.moreHref) return null
  return (
    <div className="flex justify-center">
      <a
        href={more.moreHref}
        className={btn.secondary}
        data-testid="load-more"
        aria-busy={more.loading || undefined}
        onClick={(e) => {
          e.preventDefault()
          more.loadMore()
        }}
      >
        {more.loading ? t('common.loading') : t('common.more')}
      </a>
    </div>
  )
}
