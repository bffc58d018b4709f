import { cloudflare } from '@cloudflare/vite-plugin'
import { reactRouter } from '@react-router/dev/vite'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import { localWorkerVars } from './scripts/local-vars.ts'

// Local runs get the embedded database's address and the rest from scripts/start.ts (one list,
// shared with the production build served by npm start); production reads wrangler.toml and secrets.
export default defineConfig(({ command }) => ({
  plugins: [
    cloudflare({
      viteEnvironment: { name: 'ssr' },
      persistState: process.env.CRM_PERSIST_DIR ? { path: process.env.CRM_PERSIST_DIR } : true,
      config: command === 'serve' ? { vars: localWorkerVars() } : undefined,
    }),
    tailwindcss(),
    reactRouter(),
  ],
  cacheDir: process.env.CRM_VITE_CACHE ?? 'node_modules/.vite',
  // The browser build merges React, the French strings and the components most screens import
  // into one chunk: a first visit fetched 24-31 files, 6 at a time over HTTP/1.1 (the local
  // server; HTTP/2 gains less); now 16-21, and 1-2 KB less gzip. Components fewer than 15 route
  // modules share stay with their routes: at 8 every page grew past the 150 KB budget.
  environments: {
    client: {
      build: {
        rollupOptions: {
          output: {
            codeSplitting: {
              groups: [
                {
                  name: 'shared',
                  test: /[\\/]app[\\/](components|lib|i18n)[\\/]/,
                  minShareCount: 15,
                },
              ],
            },
          },
        },
      },
    },
  },
  // cors: false — the Worker answers CORS (worker/middleware/cors.ts); Vite's own CORS would
  // answer preflights itself and hide the app's allow-list in development and tests.
  server: { port: Number(process.env.PORT ?? 8787), strictPort: true, host: '127.0.0.1', cors: false },
  // Scan every route module up front: no "new dependencies optimised, reloading" on a first visit.
  optimizeDeps: {
    entries: ['app/root.tsx', 'app/routes/**/*.tsx'],
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-router',
      'zod',
    ],
  },
}))
