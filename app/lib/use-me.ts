// The signed-in user, from the app layout's loader, and a permission test for hiding actions.
import { useRouteLoaderData } from 'react-router'
import type { Me } from '../routes/_app'
import { can } from './permissions'

export function useMe(): Me {
  const data = useRouteLoaderData('routes/_app') as { me: Me } | undefined
  if (!data) throw new Error('useMe() outside the app layout')
  return data.me
}

export function useCan() {
  const me = useMe()
  return (permission: string) => can(me, permission)
}
