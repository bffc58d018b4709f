// Keeps a WebSocket to the user's NotificationHub open, reconnecting with backoff.
import { useEffect, useRef, useState } from 'react'

export type LiveNotification = {
  id: string
  type: string
  priority: string
  title: string
  message: string | null
  link: string | null
  readAt: string | null
  createdAt: string
}

export function useLiveNotifications(onNotification: (n: LiveNotification, event?: string) => void) {
  const [connected, setConnected] = useState(false)
  const handler = useRef(onNotification)
  handler.current = onNotification
  useEffect(() => {
    let ws: WebSocket | null = null
    let retry = 0
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const connect = () => {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/notifications/ws`
      ws = new WebSocket(url)
      ws.onopen = () => {
        retry = 0
        setConnected(true)
      }
      ws.onmessage = (e) => {
        try {
          const msg = JSON.parse(String(e.data))
          if (msg.type === 'notification') handler.current(msg.notification, msg.event)
        } catch {}
      }
      ws.onclose = () => {
        setConnected(false)
        if (!stopped) timer = setTimeout(connect, Math.min(30_000, 1000 * 2 ** retry++))
      }
    }
    connect()
    return () => {
      stopped = true
      clearTimeout(timer)
      ws?.close()
    }
  }, [])
  return connected
}
