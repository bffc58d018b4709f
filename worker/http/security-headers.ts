// Security headers for every response. Scripts run only with this response's nonce.
export function securityHeaders(nonce: string, request?: { https: boolean; host?: string }): Record<string, string> {
  // Fetches and the notification socket go to this host only ('self' alone does not cover ws: in
  // every browser, so the socket's own origin is spelled out).
  const socket = request?.host ? ` ${request.https ? 'wss' : 'ws'}://${request.host}` : ''
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Tailwind and React set style attributes; styles cannot run code, so inline styles are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${socket}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ')
  return { 'content-security-policy': csp, ...COMMON }
}

const COMMON = {
  // Sent on plain http too: browsers ignore HSTS there (RFC 6797 §8.1), and tests can see it.
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  // Every answer of the Worker is private or live (pages, API); static assets never come here.
  // A route that may be cached says so itself (the header is only added when absent).
  'cache-control': 'no-store',
}

// API answers are data and files, never a document that runs scripts: they load nothing (OWASP's
// REST advice), and need no nonce, so the set is built once. An HTML route under /api (the API
// docs) sets its own policy, which the Worker keeps.
export const apiSecurityHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  ...COMMON,
}

export const newNonce = () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
