import { redirect } from 'react-router'
import type { Route } from './+types/logout'

export async function action({ context }: Route.ActionArgs) {
  const res = await context.api('/api/v1/auth/logout', { method: 'POST' })
  const headers = new Headers()
  const cookie = res.headers.get('set-cookie')
  if (cookie) headers.set('set-cookie', cookie)
  return redirect('/login', { headers })
}

export const loader = () => redirect('/')
