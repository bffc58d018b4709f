// Keeps a WebSocket to the user's NotificationHub open. On every (re)connection it asks for what
// it missed ({"resumeFrom": last seq}); it reconnects with backoff (at once when the network or
// the tab comes back), and reports "connected" only while heartbeats are answered, so the green
// dot never claims a dead socket is live.
import { useEffect, useRef, useState } from 'react'

export type LiveNotification = {
  id: string
  seq: number
  type: string
  priority: string
  title: string
  message: string | null
  link: string | null
  readAt: string | null
  archivedAt?: string | null
  createdAt: string
}

export type LiveHandlers = {
  onNotification: (n: LiveNotification, replay: boolean) => void
  onRead?: (ids: string[]) => void
  onArchived?: (ids: string[]) => void
  onChanged?: (event: string) => void
}

const HEARTBEAT_MS = 25_000
const PONG_TIMEOUT_MS = 10_000
const MAX_BACKOFF_MS = 30_000

export function useLiveNotifications(handlers: LiveHandlers, initialSeq: number) {
  const [connected, setConnected] = useState(false)
  const h = useRef(handlers)
  h.current = handlers
  const lastSeq = useRef(initialSeq)
  useEffect(() => {
    let ws: WebSocket | null = null
    let retry = 0
    let stopped = false
    let reconnectTimer: ReturnType<typeof setTimeout> | undefined
    let heartbeat: ReturnType<typeof setInterval> | undefined
    let pongTimer: ReturnType<typeof setTimeout> | undefined

    const schedule = (delay: number) => {
      clearTimeout(reconnectTimer)
      if (!stopped) reconnectTimer = setTimeout(connect, delay)
    }
    const drop = () => {
      setConnected(false)
      clearInterval(heartbeat)
      clearTimeout(pongTimer)
    }
    function connect() {
      if (ws && ws.readyState <= WebSocket.OPEN) return
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/notifications/ws`
      const socket = new WebSocket(url)
      ws = socket
      socket.onopen = () => {
        retry = 0
        setConnected(true)
        socket.send(JSON.stringify({ resumeFrom: lastSeq.current }))
        heartbeat = setInterval(() => {
          socket.send('ping')
          clearTimeout(pongTimer)
          // No answer: the socket is dead even if the browser has not noticed yet.
          pongTimer = setTimeout(() => socket.close(), PONG_TIMEOUT_MS)
        }, HEARTBEAT_MS)
      }
      socket.onmessage = (e) => {
        const text = String(e.data)
        if (text === 'pong') {
          clearTimeout(pongTimer)
          setConnected(true)
          return
        }
        let msg: { type?: string; notification?: LiveNotification; replay?: boolean; ids?: string[]; event?: string }
        try {
          msg = JSON.parse(text)
        } catch {
          return
        }
        if (msg.type === 'notification' && msg.notification) {
          lastSeq.current = Math.max(lastSeq.current, msg.notification.seq)
          h.current.onNotification(msg.notification, Boolean(msg.replay))
        } else if (msg.type === 'read' && msg.ids) h.current.onRead?.(msg.ids)
        else if (msg.type === 'archived' && msg.ids) h.current.onArchived?.(msg.ids)
        else if (msg.type === 'changed' && msg.event) h.current.onChanged?.(msg.event)
        else if (msg.type === 'resume_failed') socket.close() // reconnect later and resume again
      }
      socket.onclose = () => {
        if (ws === socket) ws = null
        drop()
        // Backoff with jitter so a server restart is not met by every tab at the same instant.
        schedule(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** retry++) * (0.5 + Math.random() / 2))
      }
    }
    const wake = () => {
      if (document.visibilityState === 'visible' && !ws) schedule(0)
    }
    const offline = () => ws?.close()
    connect()
    window.addEventListener('online', wake)
    window.addEventListener('offline', offline)
    document.addEventListener('visibilitychange', wake)
    return () => {
      stopped = true
      clearTimeout(reconnectTimer)
      drop()
      window.removeEventListener('online', wake)
      window.removeEventListener('offline', offline)
      document.removeEventListener('visibilitychange', wake)
      ws?.close()
    }
  }, [])
  return connected
}
