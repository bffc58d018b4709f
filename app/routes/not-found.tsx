import { data } from 'react-router'
import { ErrorPage } from '../components/error-page'
import { t } from '../i18n/fr'

// A 404 status with a page rendered normally: thrown, it would reach the root error boundary,
// which remounts the document (and React warns about the theme <script> rendered on the client).
export const loader = () => data(null, { status: 404 })

export default function NotFound() {
  return <ErrorPage status={404} title={t('error.notFound.title')} body={t('error.notFound.body')} />
}
