// A TCP port free on 127.0.0.1 now, for a server started next (the app, Postgres, a bridge).
import { createServer } from 'node:net'

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
