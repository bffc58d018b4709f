import { createContext, useCallback, useContext, useState } from 'react'

type Toast = { id: number; text: string; tone: 'info' | 'success' | 'error' }
const TONE_CLASS: Record<Toast['tone'], string> = {
  error: 'bg-red-700 text-white',
  success: 'bg-emerald-700 text-white',
  info: 'bg-slate-800 text-white dark:bg-slate-700',
}
const ToastContext = createContext<(text: string, tone?: Toast['tone']) => void>(() => {})
export const useToast = () => useContext(ToastContext)

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([])
  const push = useCallback((text: string, tone: Toast['tone'] = 'info') => {
    const id = Date.now() + Math.random()
    setToasts((all) => [...all, { id, text, tone }])
    setTimeout(() => setToasts((all) => all.filter((x) => x.id !== id)), 6000)
  }, [])
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div
        aria-live="polite"
        className={
          'pointer-events-none fixed inset-x-0 bottom-20 z-50 flex flex-col items-center gap-2 px-4 ' +
          'md:bottom-6 md:items-end'
        }
      >
        {toasts.map((x) => (
          <div
            key={x.id}
            role="status"
            data-testid="toast"
            className={`pointer-events-auto max-w-sm rounded-lg px-4 py-3 text-sm shadow-lg ${TONE_CLASS[x.tone]}`}
          >
            {x.text}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  )
}
