// Guide 2, import CSV / Excel: the rules of issue 11 (worker/imports) as a user meets them.
import type { Route } from './+types/aide.import'
import { Bullets, Note, Section, Steps, Table, To } from '../help/prose'

export const meta: Route.MetaFunction = () => [{ title: 'Import CSV / Excel · Aide' }]

const G = 'import'
const code = 'rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800'

export default function ImportGuide() {
  return (
    <>
      <h2 className="sr-only">Import CSV / Excel</h2>
      <p>
        Chargez en une fois vos fichiers clients existants : organisations d’abord, personnes ensuite. Rien n’est écrit
        avant que vous ayez vu l’aperçu et l’essai, et un import se défait.
      </p>
      <Section guide={G} id="fichier">
        <Bullets>
          <li>
            Formats : <code className={code}>.xlsx</code> (première feuille visible, ou celle que vous choisissez ; les
            formules donnent leur valeur) et <code className={code}>.csv</code> en UTF-8 (avec ou sans BOM) ou
            Windows-1252, séparé par virgules, points-virgules ou tabulations. Un <code className={code}>.xls</code> est
            refusé : enregistrez-le en .xlsx ou en « CSV UTF-8 ».
          </li>
          <li>Limites : 100 000 lignes et 20 Mo par fichier, vérifiées avant l’envoi.</li>
          <li>
            Partez des modèles (CSV et XLSX) téléchargeables sur la page Import : ils listent les colonnes et les
            valeurs admises.
          </li>
        </Bullets>
      </Section>
      <Section guide={G} id="colonnes">
        <p>
          Les en-têtes français ou anglais sont reconnus (<code className={code}>nom</code>,{' '}
          <code className={code}>raison sociale</code>, <code className={code}>name</code>,{' '}
          <code className={code}>ville</code>, <code className={code}>code postal</code>,{' '}
          <code className={code}>e-mail</code> ou <code className={code}>courriel</code>,{' '}
          <code className={code}>téléphone</code>…). Chaque colonne se corrige à la main (un champ ou « ignorer ») et la
          correspondance est retenue pour le prochain fichier aux mêmes en-têtes.
        </p>
        <Table
          head={['Colonne', 'Valeurs admises']}
          rows={[
            ['nom *', '200 caractères au plus'],
            ['type *', 'INVESTISSEUR, FOURNISSEUR, DISTRIBUTEUR, EMETTEUR'],
            ['categorie', 'OPCVM, ETF, SCPI, SCI, ASSURANCE_VIE, PRIVATE_EQUITY'],
            [
              'pipeline_stage (ou étape)',
              'PROSPECT, QUALIFICATION, PROPOSITION, SIGNE (« Signé » ou « signe » conviennent aussi)',
            ],
            ['montant', '1 234 567,50 € ou 1234567.50'],
            ['organisation_nom (personnes)', 'le nom d’une organisation existante'],
          ]}
        />
        <p>
          Les valeurs sont contrôlées par les mêmes règles que la saisie à l’écran : espaces retirés, e-mails en
          minuscules, accents et majuscules indifférents pour les listes.
        </p>
      </Section>
      <Section guide={G} id="correspondance">
        <Bullets>
          <li>
            <strong>Organisations</strong> : même domaine d’e-mail qu’une organisation existante (hors messageries
            publiques comme gmail.com), sinon même nom et même ville (en ignorant accents, majuscules et ponctuation).
          </li>
          <li>
            <strong>Personnes</strong> : même e-mail.
          </li>
          <li>
            Vous choisissez « créer seulement », « mettre à jour seulement » ou « créer et mettre à jour ». Une ligne en
            double dans le fichier est signalée, jamais créée deux fois.
          </li>
          <li>
            Un import ne touche que les fiches que votre rôle vous laisse voir ; les fiches créées vous ont pour
            responsable, dans votre équipe.
          </li>
        </Bullets>
      </Section>
      <Section guide={G} id="lancer">
        <Steps>
          <li>
            Menu → <To href="/imports">Import</To> (rôles autorisés à importer) → Organisations ou Personnes.
          </li>
          <li>Déposez ou choisissez le fichier, vérifiez la correspondance des colonnes.</li>
          <li>
            L’aperçu montre les premières lignes telles qu’elles seront enregistrées, chaque problème dans sa cellule.
            L’essai parcourt tout le fichier sans rien écrire : N créations, M mises à jour, K ignorées, E erreurs.
          </li>
          <li>
            « Lancer l’import » : il tourne en arrière-plan avec une barre de progression. Vous pouvez quitter la page ;
            une notification vous prévient à la fin.
          </li>
        </Steps>
      </Section>
      <Section guide={G} id="resultat">
        <p>
          Le résultat compte les lignes traitées, créées, mises à jour, ignorées et en erreur, avec la ligne, la colonne
          et la raison de chaque erreur. Le rapport Excel reprend vos lignes avec une colonne de statut (vert : OK,
          rouge : erreur et raison) : corrigez et réimportez seulement celles-là.
        </p>
        <Table
          head={['Message', 'Que faire']}
          rows={[
            [
              'Organisation non trouvée',
              'Importer les organisations avant les personnes, ou corriger organisation_nom.',
            ],
            ['Adresse e-mail invalide', 'Forme prenom.nom@domaine.fr.'],
            ['Ce champ est obligatoire', 'Renseigner nom et type (organisations), prénom et nom (personnes).'],
            ['Fichier trop volumineux', 'Découper en fichiers de 100 000 lignes et 20 Mo au plus.'],
          ]}
        />
      </Section>
      <Section guide={G} id="annuler">
        <p>
          « Annuler cet import » remet les choses en l’état : les fiches créées partent à la corbeille, les champs mis à
          jour retrouvent leur valeur précédente. Une fiche modifiée par quelqu’un depuis l’import est laissée telle
          quelle et listée. L’historique des imports (qui, quand, fichier, compteurs) reste consultable.
        </p>
        <Note>
          Conseil : essayez d’abord un fichier de 5 à 10 lignes. Questions courantes :{' '}
          <To href="/aide/faq#format-import">FAQ import</To>.
        </Note>
      </Section>
    </>
  )
}
