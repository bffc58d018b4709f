// The session cookie: HttpOnly, SameSite=Lax, Secure everywhere but localhost (plain http).
import type { Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { SESSION_COOKIE, SESSION_TTL_MS } from './session.service.ts'

const isLocalHost = (host: string) => host === 'localhost' || host === '127.0.0.1'
const secure = <E extends AppEnv>(c: Context<E>) => !isLocalHost(new URL(c.req.url).hostname)

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c),
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  })
}

export function clearSessionCookie<E extends AppEnv>(c: Context<E>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c), httpOnly: true, sameSite: 'Lax' })
}
