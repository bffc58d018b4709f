import { type RouteConfig, index, layout, route } from '@react-router/dev/routes'

export default [
  route('login', 'routes/login.tsx'),
  route('logout', 'routes/logout.tsx'),
  layout('routes/_app.tsx', [
    index('routes/dashboard.tsx'),
    route('organisations', 'routes/organisations.tsx'),
    route('organisations/new', 'routes/organisations.new.tsx'),
    route('organisations/:id', 'routes/organisations.$id.tsx', [
      index('routes/organisations.$id._index.tsx'),
      route('contacts', 'routes/organisations.$id.contacts.tsx'),
      route('mandates', 'routes/organisations.$id.mandates.tsx'),
      route('interactions', 'routes/organisations.$id.interactions.tsx'),
      route('tasks', 'routes/organisations.$id.tasks.tsx'),
      route('history', 'routes/organisations.$id.history.tsx'),
    ]),
    route('organisations/:id/edit', 'routes/organisations.$id.edit.tsx'),
    route('people', 'routes/people.tsx'),
    route('people/new', 'routes/people.new.tsx'),
    route('people/:id', 'routes/people.$id.tsx'),
    route('people/:id/edit', 'routes/people.$id.edit.tsx'),
    route('products', 'routes/products.tsx'),
    route('products/:id', 'routes/products.$id.tsx'),
    route('mandates', 'routes/mandates.tsx'),
    route('mandates/new', 'routes/mandates.new.tsx'),
    route('mandates/:id', 'routes/mandates.$id.tsx'),
    route('tasks', 'routes/tasks.tsx'),
    route('pipeline', 'routes/pipeline.tsx', [
      index('routes/pipeline._index.tsx'),
      route('kanban', 'routes/pipeline.kanban.tsx'),
      route('analytics', 'routes/pipeline.analytics.tsx'),
    ]),
    route('bin', 'routes/bin.tsx'),
  ]),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
