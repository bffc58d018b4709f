// The benchmark's WebSocket-to-TCP proxy is the one `npm start` uses for a plain Postgres.
export { startWsProxy } from '../scripts/db-bridge.ts'
