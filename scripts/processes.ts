// The local stack's processes, read from Linux's /proc: the workerd processes an app started (the
// start test kills one), and the CPU time they spent (the API benchmark's throughput rows print
// the Worker's CPU per request, which bounds them: workerd runs a Worker's requests on one thread).
import { execSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

// Asked once, when CPU is first read (the start test only lists processes).
let ticksPerSecond = 0
const ticks = () => (ticksPerSecond ||= Number(execSync('getconf CLK_TCK').toString().trim()) || 100)

function stat(pid: number) {
  // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its ')'.
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'))
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return { comm, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }
}

// The workerd processes started by `root` (a child, grandchild…), the app's or the bare Worker's.
export function workerdUnder(root: number): number[] {
  const all = new Map<number, ReturnType<typeof stat>>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      all.set(Number(name), stat(Number(name)))
    } catch {
      // The process ended while the list was read.
    }
  }
  const under = (pid: number): boolean => {
    for (let p = all.get(pid)?.ppid; p; p = all.get(p)?.ppid) if (p === root) return true
    return false
  }
  return [...all].filter(([pid, s]) => s.comm === 'workerd' && under(pid)).map(([pid]) => pid)
}

export function cpuMs(pids: number[]) {
  let total = 0
  for (const pid of pids) {
    try {
      total += stat(pid).ticks
    } catch {
      // An ended process adds nothing more.
    }
  }
  return (total * 1000) / ticks()
}
