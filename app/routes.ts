import { type RouteConfig, index, layout, route } from '@react-router/dev/routes'

export default [
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  layout('routes/_app.tsx', [
    index('routes/dashboard.tsx'),
    route('organisations', 'routes/organisations.tsx'),
    route('organisations/new', 'routes/organisations.new.tsx'),
    route('organisations/:id', 'routes/organisations.$id.tsx'),
  ]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
