// JSON logs, one object per line, each carrying the request id (Workers Logs index the fields).
type Level = 'debug' | 'info' | 'warn' | 'error'
export type Logger = Record<Level, (msg: string, fields?: Record<string, unknown>) => void> & {
  child: (fields: Record<string, unknown>) => Logger
}

export function createLogger(base: Record<string, unknown> = {}): Logger {
  const write =
    (level: Level) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      const line = JSON.stringify({ level, msg, time: new Date().toISOString(), ...base, ...fields })
      if (level === 'error') console.error(line)
      else if (level === 'warn') console.warn(line)
      else console.log(line)
    }
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => createLogger({ ...base, ...fields }),
  }
}
