// The Worker's variables for local runs, the same for the dev server (vite.config.ts) and the
// production build served by `npm start` (scripts/serve-build.ts): scripts/start.ts passes the
// embedded database's address and the app's URL through CRM_* environment variables;
// production reads them from wrangler.toml [vars] and Worker secrets.
const fromStart = () => {
  const vars: Record<string, string> = {}
  for (const key of ['DATABASE_URL', 'DB_WS_PROXY', 'DB_SOCKET', 'ENVIRONMENT', 'APP_URL']) {
    const value = process.env[`CRM_${key}`]
    if (value) vars[key] = value
  }
  return vars
}

// Tests only (CRM_TEST, set by tests/setup/global-server.ts): a partner origin for the CORS tests.
const forTests = (): Record<string, string> =>
  process.env.CRM_TEST ? { ALLOWED_ORIGINS: 'https://partner.example.test' } : {}

// DEV_MAILBOX: local runs (npm start, tests) keep mails in the admin-only mailbox.
export const localWorkerVars = (): Record<string, string> => ({ DEV_MAILBOX: 'on', ...forTests(), ...fromStart() })
