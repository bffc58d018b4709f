// The screen area inside the app's shell: a screen's errors (a page the role cannot use, a record
// that does not exist, the database away) stop here, so the sidebar, header and bottom bar stay
// and the signed-in user keeps every way out. The layout itself renders only the screen.
import { Outlet, useOutletContext } from 'react-router'
import type { Route } from './+types/_screen'
import { describeError, ScreenError } from '../components/error-page'

export default function Screen() {
  return <Outlet context={useOutletContext()} />
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ScreenError {...describeError(error)} />
}
