import { ErrorPage } from '../components/error-page'
import { t } from '../i18n/fr'

export const loader = () => {
  throw new Response(null, { status: 404 })
}

export default function NotFound() {
  return <ErrorPage status={404} title={t('error.notFound.title')} body={t('error.notFound.body')} />
}
