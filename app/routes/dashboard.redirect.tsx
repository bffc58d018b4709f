// The dashboard lives at "/"; an address typed or bookmarked as /dashboard leads there.
import { redirect } from 'react-router'

export const loader = () => redirect('/', 302)
