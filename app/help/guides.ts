// The help centre's table of contents: each guide and its sections. Guide pages take their
// headings from here and the command palette searches the same list, so a section renamed in one
// place is found under its new name everywhere. Plain data only: the palette loads it on demand.
export type Guide = { slug: string; title: string; summary: string }
export type Topic = { guide: string; id: string; title: string; words: string }

export const GUIDES: Guide[] = [
  {
    slug: 'demarrage',
    title: 'Démarrage rapide',
    summary: 'Se connecter, se repérer, créer une organisation et ses contacts, chercher : dix minutes.',
  },
  {
    slug: 'import',
    title: 'Import CSV / Excel',
    summary: 'Charger vos fichiers clients existants : modèles, correspondance des colonnes, essai, annulation.',
  },
  {
    slug: 'pipeline',
    title: 'Gestion du pipeline',
    summary: 'Étapes, critères de passage, actions automatiques, alertes et indicateurs.',
  },
  { slug: 'faq', title: 'Questions fréquentes', summary: 'Compte, données, corbeille, import, recherche, pipeline.' },
  {
    slug: 'webhooks',
    title: 'Webhooks',
    summary: 'Prévenir un autre logiciel des changements : abonnements, signature, nouvelles tentatives.',
  },
  {
    slug: 'raccourcis',
    title: 'Raccourcis clavier',
    summary: 'Toutes les touches du CRM sur une page : palette, création, enregistrement, kanban.',
  },
]

export const TOPICS: Topic[] = [
  { guide: 'demarrage', id: 'connexion', title: 'Se connecter', words: 'connexion mot de passe compte login' },
  { guide: 'demarrage', id: 'ecran', title: 'Se repérer dans l’écran', words: 'menu barre latérale téléphone plus' },
  {
    guide: 'demarrage',
    id: 'organisation',
    title: 'Créer une organisation',
    words: 'nouvelle organisation investisseur fournisseur distributeur émetteur créer fiche',
  },
  { guide: 'demarrage', id: 'contact', title: 'Ajouter un contact', words: 'personne contact rattacher lier' },
  { guide: 'demarrage', id: 'etape', title: 'Changer d’étape', words: 'pipeline étape badge kanban' },
  { guide: 'demarrage', id: 'recherche', title: 'Rechercher', words: 'recherche palette ctrl k fautes accents' },
  { guide: 'demarrage', id: 'compte', title: 'Mon compte', words: 'mot de passe sessions appareils déconnexion' },
  { guide: 'import', id: 'fichier', title: 'Préparer le fichier', words: 'csv xlsx excel modèle template colonnes' },
  { guide: 'import', id: 'colonnes', title: 'Colonnes et valeurs', words: 'nom type catégorie étape e-mail ville' },
  {
    guide: 'import',
    id: 'correspondance',
    title: 'Fiches déjà présentes',
    words: 'doublon correspondance domaine e-mail mise à jour',
  },
  { guide: 'import', id: 'lancer', title: 'Lancer l’import', words: 'essai aperçu progression arrière-plan' },
  { guide: 'import', id: 'resultat', title: 'Résultat et rapport d’erreurs', words: 'erreurs rapport excel' },
  { guide: 'import', id: 'annuler', title: 'Annuler un import', words: 'annuler revenir défaire corbeille' },
  { guide: 'pipeline', id: 'etapes', title: 'Les quatre étapes', words: 'prospect qualification proposition signé' },
  { guide: 'pipeline', id: 'vues', title: 'Tableau, kanban, analytique', words: 'vue tableau kanban graphique' },
  { guide: 'pipeline', id: 'deplacer', title: 'Déplacer une organisation', words: 'glisser déposer action groupée' },
  { guide: 'pipeline', id: 'criteres', title: 'Critères de passage', words: 'bant budget décideur' },
  {
    guide: 'pipeline',
    id: 'automatismes',
    title: 'Actions automatiques et alertes',
    words: 'tâche automatique notification alerte bloquée 30 jours manager',
  },
  {
    guide: 'pipeline',
    id: 'indicateurs',
    title: 'Indicateurs : pondéré, conversion, durée',
    words: 'kpi pipeline pondéré probabilité conversion durée prévision',
  },
]

export const topicHref = (t: Topic) => `/aide/${t.guide}#${t.id}`
export const topic = (guide: string, id: string) => {
  const found = TOPICS.find((t) => t.guide === guide && t.id === id)
  if (!found) throw new Error(`unknown help topic ${guide}#${id}`)
  return found
}
