// Actions answer { ok, message } or { error }: this turns each new answer into one toast, so a
// refused action never fails silently.
import { useEffect, useRef } from 'react'
import { useToast } from '../components/toasts'

type Answer = { ok?: boolean; message?: string; error?: string } | undefined | null

// onSettled runs after each answer (success or refusal), e.g. to close a dialog.
export function useAnswerToast(data: unknown, state: string, onSettled?: (data: NonNullable<Answer>) => void) {
  const toast = useToast()
  const last = useRef<unknown>(null)
  const settled = useRef(onSettled)
  settled.current = onSettled
  useEffect(() => {
    if (state !== 'idle' || !data || data === last.current) return
    last.current = data
    const answer = data as Answer
    if (answer?.error) toast(answer.error, 'error')
    else if (answer?.ok && answer.message) toast(answer.message, 'success')
    settled.current?.(answer!)
  }, [data, state, toast])
}
