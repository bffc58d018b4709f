// Requests the web UI's loaders and actions send to the API inside the same invocation. They are
// marked by identity (a WeakSet of Request objects), which no client can forge through headers.
const inProcess = new WeakSet<Request>()

export function markInProcess(request: Request): Request {
  inProcess.add(request)
  return request
}

export const isInProcess = (request: Request) => inProcess.has(request)
