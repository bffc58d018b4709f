// Guide 1, démarrage rapide: the plan's first-day walk-through, as this CRM does it.
import type { Route } from './+types/aide.demarrage'
import { Bullets, Kbd, Keys, Note, Section, Shot, Steps, To } from '../help/prose'

export const meta: Route.MetaFunction = () => [{ title: 'Démarrage rapide · Aide' }]

const G = 'demarrage'

export default function QuickStart() {
  return (
    <>
      <h2 className="sr-only">Démarrage rapide</h2>
      <p>Dix minutes pour prendre le CRM en main : connexion, écran, première fiche, recherche.</p>
      <Section guide={G} id="connexion">
        <Steps>
          <li>
            Ouvrez l’adresse du CRM que votre administrateur vous a donnée et saisissez votre e-mail et votre mot de
            passe.
          </li>
          <li>
            Invité par e-mail, vous choisissez vous-même votre mot de passe grâce au lien reçu (valable 24 heures). Si
            l’administrateur a fixé un mot de passe pour vous, le CRM vous demande de le remplacer avant toute chose.
          </li>
          <li>
            Mot de passe oublié : lien « Mot de passe oublié ? » sur la page de connexion. Après 5 erreurs de suite, le
            compte est verrouillé 15 minutes (un administrateur peut le déverrouiller tout de suite).
          </li>
        </Steps>
      </Section>
      <Section guide={G} id="ecran">
        <Shot
          src="tableau-de-bord.png"
          alt="Le tableau de bord : indicateurs, étapes du pipeline, tâches et activité"
        />
        <Bullets>
          <li>
            À gauche, le menu : Tableau de bord, Organisations, Pipeline, Personnes, Mandats, Produits, Tâches, Aide (et
            Administration, Corbeille pour les administrateurs).
          </li>
          <li>
            En haut : la recherche (<Keys first="Ctrl" second="K" />
            ), le thème clair / sombre, la cloche des notifications, votre nom (Mon compte) et la déconnexion.
          </li>
          <li>
            Sur téléphone, la barre du bas mène à l’accueil, aux organisations, au kanban et aux tâches ; « Plus » ouvre
            le menu complet.
          </li>
          <li>
            Ce que vous voyez dépend de votre rôle : un commercial voit ses fiches, un manager et un lecteur celles de
            leur équipe, un administrateur tout. Les boutons d’une action que votre rôle ne permet pas n’apparaissent
            pas.
          </li>
        </Bullets>
      </Section>
      <Section guide={G} id="organisation">
        <Shot src="nouvelle-organisation.png" alt="Le formulaire Nouvelle organisation" />
        <Steps>
          <li>
            <To href="/organisations">Organisations</To> → « Nouvelle organisation » (ou{' '}
            <Keys first="Ctrl" second="N" /> n’importe où).
          </li>
          <li>
            Remplissez au moins le nom (200 caractères au plus) et le type : investisseur, fournisseur, distributeur ou
            émetteur. Catégorie, étape, montant et coordonnées sont facultatifs.
          </li>
          <li>
            « Créer » (ou <Keys first="Ctrl" second="S" />) : la fiche s’ouvre. Une erreur de saisie s’affiche sous le
            champ concerné, rien de ce que vous avez tapé n’est perdu.
          </li>
        </Steps>
      </Section>
      <Section guide={G} id="contact">
        <Steps>
          <li>Ouvrez la fiche de l’organisation, onglet « Contacts » → « Ajouter un contact ».</li>
          <li>Prénom et nom sont obligatoires ; e-mail, téléphone et fonction facultatifs.</li>
          <li>Le contact apparaît dans l’onglet et dans Personnes.</li>
        </Steps>
      </Section>
      <Section guide={G} id="etape">
        <p>
          Sur la fiche, cliquez le badge d’étape (par exemple « Prospect ») et choisissez la suivante, ou faites glisser
          la carte dans le <To href="/pipeline/kanban">kanban</To>. Le passage est daté, les tâches automatiques sont
          créées et l’équipe est notifiée : voir <To href="/aide/pipeline#automatismes">Actions automatiques</To>.
        </p>
      </Section>
      <Section guide={G} id="recherche">
        <p>
          <Keys first="Ctrl" second="K" /> (<Keys first="Cmd" second="K" /> sur Mac) ou <Kbd>/</Kbd> ouvre la palette.
          Tapez quelques lettres : organisations, personnes, mandats, produits et interactions, sans souci d’accents ni
          de majuscules, avec une faute ou deux tolérées. Les flèches choisissent, <Kbd>Entrée</Kbd> ouvre. La palette
          trouve aussi les pages du CRM et les sujets de cette aide.
        </p>
      </Section>
      <Section guide={G} id="compte">
        <p>
          <To href="/account">Mon compte</To> (votre nom en haut de l’écran ; sur téléphone « Plus » → « Mon compte ») :
          votre rôle et votre équipe, le changement de mot de passe, et la liste de vos sessions ouvertes avec leur
          appareil, pour en fermer une ou vous déconnecter partout.
        </p>
        <Note>
          Tous les raccourcis sont sur une page : <To href="/aide/raccourcis">Raccourcis clavier</To>.
        </Note>
      </Section>
    </>
  )
}
