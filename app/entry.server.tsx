import { isbot } from 'isbot'
import { renderToReadableStream } from 'react-dom/server'
import type { AppLoadContext, EntryContext } from 'react-router'
import { ServerRouter } from 'react-router'

export default async function handleRequest(
  request: Request,
  status: number,
  headers: Headers,
  routerContext: EntryContext,
  loadContext: AppLoadContext,
) {
  let statusCode = status
  const body = await renderToReadableStream(
    <ServerRouter context={routerContext} url={request.url} nonce={loadContext.cspNonce} />,
    {
      nonce: loadContext.cspNonce,
      signal: request.signal,
      onError(error: unknown) {
        statusCode = 500
        console.error(JSON.stringify({ level: 'error', msg: 'render failed', error: String(error) }))
      },
    },
  )
  if (isbot(request.headers.get('user-agent') || '')) await body.allReady
  headers.set('Content-Type', 'text/html; charset=utf-8')
  return new Response(body, { headers, status: statusCode })
}
