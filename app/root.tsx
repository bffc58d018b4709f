import { useEffect } from 'react'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
  type LoaderFunctionArgs,
} from 'react-router'
import type { Route } from './+types/root'
import './app.css'
import { t } from './i18n/fr'
import { describeError, ErrorPage } from './components/error-page'

export const loader = ({ context }: LoaderFunctionArgs) => ({ nonce: context.cspNonce })

// Runs before first paint so the page never flashes the wrong theme.
const THEME_SCRIPT =
  "(function(){try{var s=localStorage.getItem('theme');" +
  "var d=s?s==='dark':matchMedia('(prefers-color-scheme: dark)').matches;" +
  "document.documentElement.classList.toggle('dark',d)}catch(e){}})()"

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const nonce = data?.nonce
  return (
    <html lang="fr" suppressHydrationWarning>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: constant no-flash theme script, no user input,
            allowed by the CSP nonce */}
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        <Meta />
        <Links nonce={nonce} />
      </head>
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export const meta: Route.MetaFunction = () => [{ title: t('app.name') }]

export default function App() {
  const { pathname } = useLocation()
  // Marks the document once React has hydrated (browser tests wait for it before interacting).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  // The address whose screen is on the page with its effects run (a parent's effects run after its
  // children's). After a client-side navigation, such as the sign-in redirect, the address changes
  // before React commits the new screen (a transition): "hydrated" alone is already true from the
  // previous page, and a key pressed or a node added then met the sign-in page, not the app.
  useEffect(() => {
    document.documentElement.dataset.path = pathname
  }, [pathname])
  return <Outlet />
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ErrorPage {...describeError(error)} />
}
