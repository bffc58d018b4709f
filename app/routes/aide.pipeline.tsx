// Guide 3, gestion du pipeline: stages, moves, automations (worker/pipeline/stage-change.ts,
// stale-report.cron.ts, notifications/notification-rules.ts) and the figures the screens show.
import type { Route } from './+types/aide.pipeline'
import { STAGE_PROBABILITY_PERCENT } from '../lib/pipeline'
import { STAGE_TASKS } from '../../worker/pipeline/stage-rules'
import { Bullets, Kbd, Keys, Note, Section, Shot, Table, To } from '../help/prose'

export const meta: Route.MetaFunction = () => [{ title: 'Gestion du pipeline · Aide' }]

const G = 'pipeline'
const pct = (stage: keyof typeof STAGE_PROBABILITY_PERCENT) => `${STAGE_PROBABILITY_PERCENT[stage]} %`
const CHANCES = `Prospect ${pct('PROSPECT')}, Qualification ${pct('QUALIFICATION')}, Proposition ${pct('PROPOSITION')}`

export default function PipelineGuide() {
  const q = STAGE_TASKS.QUALIFICATION!
  const p = STAGE_TASKS.PROPOSITION!
  return (
    <>
      <h2 className="sr-only">Gestion du pipeline</h2>
      <p>Le pipeline suit chaque organisation de la prise de contact à la signature.</p>
      <Section guide={G} id="etapes">
        <Table
          head={['Étape', 'Durée usuelle', 'Actions clés', 'Probabilité']}
          rows={[
            ['Prospect', '1 à 2 semaines', 'Premier contact, envoi de documentation', pct('PROSPECT')],
            [
              'Qualification',
              '2 à 4 semaines',
              'Réunion, qualification BANT (budget, autorité, besoin, calendrier)',
              pct('QUALIFICATION'),
            ],
            ['Proposition', '1 à 3 semaines', 'Offre commerciale, négociation', pct('PROPOSITION')],
            ['Signé', '—', 'Contrat signé, mise en place', 'gagné'],
          ]}
        />
      </Section>
      <Section guide={G} id="vues">
        <Bullets>
          <li>
            <To href="/pipeline">Tableau</To> : toutes les organisations avec étape, montant, montant pondéré et jours
            dans l’étape ; tri, filtres, actions groupées.
          </li>
          <li>
            <To href="/pipeline/kanban">Kanban</To> : une colonne par étape avec le nombre et le total des organisations
            actives ; sur téléphone, les colonnes défilent de côté.
          </li>
          <li>
            <To href="/pipeline/analytics">Analytique</To> : entonnoir, taux de passage, durée moyenne par étape et
            pipeline pondéré.
          </li>
        </Bullets>
        <Shot src="kanban.png" alt="Le kanban du pipeline, une colonne par étape" />
      </Section>
      <Section guide={G} id="deplacer">
        <Bullets>
          <li>Sur la fiche : cliquer le badge d’étape et choisir.</li>
          <li>
            Dans le kanban : glisser-déposer la carte ; au clavier, la poignée ⋮⋮ puis <Kbd>Espace</Kbd>,{' '}
            <Keys first="←" second="→" /> pour choisir l’étape, <Kbd>Espace</Kbd> pour déposer, <Kbd>Échap</Kbd> pour
            annuler ; sur téléphone, le menu « Déplacer vers » de la carte.
          </li>
          <li>En groupe : cocher des lignes du tableau → « Changer l’étape ».</li>
        </Bullets>
        <Note>Un retour en arrière est permis et daté comme tout passage ; il pèse sur les taux de conversion.</Note>
      </Section>
      <Section guide={G} id="criteres">
        <Bullets>
          <li>Prospect → Qualification : contact établi, intérêt confirmé, budget supérieur à 10 k€.</li>
          <li>Qualification → Proposition : BANT validé, décideur rencontré, échéance à moins de 3 mois.</li>
          <li>Proposition → Signé : offre envoyée, négociation conclue, contrat signé.</li>
        </Bullets>
        <p>Ces critères sont une règle d’équipe : le CRM ne bloque pas un passage qui ne les remplit pas.</p>
      </Section>
      <Section guide={G} id="automatismes">
        <Table
          head={['Quand', 'Le CRM fait']}
          rows={[
            [
              'Passage en Qualification',
              `Tâche « ${q.title} », priorité haute, échéance ${q.dueInDays} jours, pour le responsable`,
            ],
            [
              'Passage en Proposition',
              `Tâche « ${p.title} », priorité haute, échéance ${p.dueInDays} jours, pour le responsable`,
            ],
            ['Passage en Signé', 'Notification à l’équipe de l’organisation'],
            ['Autre changement d’étape', 'Notification au responsable et aux managers de son équipe'],
            [
              'Plus de 30 jours dans une étape (hors Signé)',
              'Badge « Bloquée > 30 j » et, chaque jour, la liste envoyée aux managers de l’équipe',
            ],
          ]}
        />
        <p>
          L’auteur d’un changement n’en est pas notifié. Aucun e-mail n’est envoyé aux clients. Pour relancer les
          contacts froids : Organisations → Filtres avancés → « Sans contact depuis ».
        </p>
      </Section>
      <Section guide={G} id="indicateurs">
        <Bullets>
          <li>
            <strong>Pipeline en cours</strong> : total des montants des organisations pas encore signées.
          </li>
          <li>
            <strong>Pipeline pondéré</strong> : pour ces mêmes organisations, montant × probabilité de l’étape (
            {CHANCES}). Les signées n’y comptent pas : elles sont gagnées. Le tableau de bord et l’analytique affichent
            le même chiffre.
          </li>
          <li>
            <strong>Taux de passage</strong> : part des organisations entrées dans une étape pendant la période qui sont
            allées plus loin. Repères : Prospect → Qualification plus de 30 %, Qualification → Proposition plus de 50 %,
            Proposition → Signé plus de 40 %.
          </li>
          <li>
            <strong>Durée moyenne</strong> : du passage dans l’étape au passage suivant. Repères : 14, 28 et 21 jours.
          </li>
          <li>
            <strong>Par étape</strong> : le tableau de bord compte toutes les organisations de votre périmètre, le
            kanban les seules organisations actives ; chaque écran le précise.
          </li>
        </Bullets>
      </Section>
    </>
  )
}
