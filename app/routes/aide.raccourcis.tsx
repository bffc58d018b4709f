// Raccourcis clavier: every key the app listens to (command-palette.tsx, _app.tsx,
// lib/use-shortcuts.ts, the kanban and dialogs), on one printable sheet.
import type { Route } from './+types/aide.raccourcis'
import { Kbd } from '../help/prose'
import { card, cx, muted } from '../components/ui'

export const meta: Route.MetaFunction = () => [{ title: 'Raccourcis clavier · Aide' }]

const SHEET: { title: string; keys: [string[][], string][] }[] = [
  {
    title: 'Partout',
    keys: [
      [
        [
          ['Ctrl', 'K'],
          ['Cmd', 'K'],
        ],
        'Ouvrir ou fermer la palette de recherche',
      ],
      [[['/']], 'Ouvrir la palette (hors d’un champ de saisie)'],
      [[['?']], 'Ouvrir cette aide (hors d’un champ de saisie)'],
      [
        [
          ['Ctrl', 'N'],
          ['Cmd', 'N'],
        ],
        'Nouvelle organisation (rôles autorisés à créer)',
      ],
      [[['Échap']], 'Fermer une fenêtre, la palette ou le menu'],
    ],
  },
  {
    title: 'Formulaires',
    keys: [
      [
        [
          ['Ctrl', 'S'],
          ['Cmd', 'S'],
        ],
        'Enregistrer le formulaire en cours',
      ],
      [[['Entrée']], 'Valider le champ ou le formulaire'],
    ],
  },
  {
    title: 'Palette de recherche',
    keys: [
      [[['↑'], ['↓']], 'Choisir un résultat'],
      [[['Entrée']], 'Ouvrir le résultat choisi'],
    ],
  },
  {
    title: 'Kanban',
    keys: [
      [[['Tab']], 'Atteindre la poignée ⋮⋮ d’une carte'],
      [[['Espace']], 'Saisir la carte, puis la déposer'],
      [[['←'], ['→']], 'Choisir l’étape cible'],
      [[['Échap']], 'Annuler le déplacement'],
    ],
  },
]

export default function Shortcuts() {
  return (
    <>
      <h2 className="sr-only">Raccourcis clavier</h2>
      <p className={cx(muted, 'text-sm')}>Sur Mac, Cmd remplace Ctrl.</p>
      {SHEET.map((s) => (
        <section key={s.title} className={cx(card, 'p-4')} aria-labelledby={`k-${s.title}`}>
          <h3 id={`k-${s.title}`} className="mb-2 font-semibold">
            {s.title}
          </h3>
          <dl className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="shortcut-list">
            {s.keys.map(([combos, what]) => (
              <div key={what} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <dt className="flex flex-wrap items-center gap-1">
                  {combos.map((c, i) => (
                    <span key={c.join('+')} className="flex items-center gap-1">
                      {i > 0 ? <span className={cx(muted, 'text-xs')}>ou</span> : null}
                      {c.map((k) => (
                        <Kbd key={k}>{k}</Kbd>
                      ))}
                    </span>
                  ))}
                </dt>
                <dd className="text-sm">{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  )
}
