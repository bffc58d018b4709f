// React Router's default client entry without startTransition: hydrated as a transition, the page
// yielded every few milliseconds and a 4x-throttled phone became interactive only after all those
// slices (docs/decisions/009, "Phone"). Nothing is clickable before hydration anyway, so one
// blocking pass gets there sooner.
import { StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { HydratedRouter } from 'react-router/dom'

hydrateRoot(
  document,
  <StrictMode>
    <HydratedRouter />
  </StrictMode>,
)
