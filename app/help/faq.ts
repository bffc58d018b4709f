// Questions fréquentes, each answer checked against what the app does (rules quoted from the code
// they come from, so a change there is a reason to reread the answer here). Plain text: the FAQ
// page renders it and the command palette searches it.
export type FaqEntry = { id: string; q: string; a: string }
export type FaqSection = { title: string; entries: FaqEntry[] }

export const FAQ: FaqSection[] = [
  {
    title: 'Connexion et compte',
    entries: [
      {
        id: 'mot-de-passe-oublie',
        q: 'J’ai oublié mon mot de passe.',
        a:
          'Sur la page de connexion, « Mot de passe oublié ? » : saisissez votre e-mail et vous recevez un ' +
          'lien valable 24 heures, utilisable une seule fois. Le nouveau mot de passe ferme vos autres ' +
          'sessions et déverrouille le compte.',
      },
      {
        id: 'changer-mot-de-passe',
        q: 'Comment changer mon mot de passe ?',
        a:
          'Mon compte (votre nom en haut de l’écran, ou « Plus » puis « Mon compte » sur téléphone) → « ' +
          'Changer mon mot de passe ».',
      },
      {
        id: 'compte-verrouille',
        q: 'Mon compte est verrouillé.',
        a:
          'Après 5 mots de passe erronés de suite, le compte est verrouillé 15 minutes : réessayez ensuite. Un ' +
          'administrateur peut le déverrouiller tout de suite (Administration → Utilisateurs → Déverrouiller). ' +
          'Le message de connexion reste le même que l’adresse existe ou non, pour ne rien révéler.',
      },
      {
        id: 'plusieurs-appareils',
        q: 'Puis-je travailler sur plusieurs appareils ?',
        a:
          'Oui : ordinateur, tablette et téléphone en même temps. Mon compte liste vos sessions actives ' +
          '(appareil, dernière activité) ; vous pouvez en fermer une ou vous déconnecter partout.',
      },
    ],
  },
  {
    title: 'Données',
    entries: [
      {
        id: 'types',
        q: 'Investisseur, fournisseur, distributeur, émetteur : quelle différence ?',
        a:
          'Investisseur : client final. Fournisseur : partenaire de services (conformité, technique). ' +
          'Distributeur : partenaire qui distribue les produits. Émetteur : société qui émet les produits ' +
          'financiers.',
      },
      {
        id: 'lier-personne',
        q: 'Comment rattacher une personne à une organisation ?',
        a:
          'Depuis la fiche de l’organisation, onglet « Contacts » → « Ajouter un contact », ou depuis la fiche ' +
          'de la personne en choisissant l’organisation.',
      },
      {
        id: 'plusieurs-fiches',
        q: 'Modifier plusieurs organisations d’un coup ?',
        a:
          'Dans la liste ou le tableau du pipeline, cochez les lignes puis choisissez l’action : étape, ' +
          'catégorie, responsable ou suppression, 100 lignes cochées au plus par action. « Tout sélectionner » ' +
          'coche les lignes affichées ; quand d’autres lignes correspondent aux filtres, « Sélectionner les N ' +
          'correspondantes » les prend toutes (jusqu’à 500 par action, dans les fiches que vous voyez), après ' +
          'confirmation du nombre.',
      },
      {
        id: 'supprimer',
        q: 'Que devient une organisation supprimée ?',
        a:
          'Elle part à la corbeille pour 30 jours, puis elle est effacée définitivement. Ses contacts sont ' +
          'conservés. Seul un administrateur peut consulter la corbeille et restaurer une fiche : demandez-lui ' +
          'si vous avez supprimé par erreur.',
      },
      {
        id: 'restaurer',
        q: 'Restaurer une fiche supprimée ?',
        a:
          'Oui, pendant 30 jours : un administrateur l’ouvre dans Corbeille → « Restaurer ». La fiche revient ' +
          'avec ses liens.',
      },
      {
        id: 'historique',
        q: 'Qui a modifié cette fiche ?',
        a:
          'L’onglet « Historique » d’une organisation liste chaque modification : qui, quand, quel champ, ' +
          'avant et après. Les administrateurs ont en plus le journal d’audit (connexions, droits, jetons).',
      },
    ],
  },
  {
    title: 'Import',
    entries: [
      {
        id: 'format-import',
        q: 'CSV ou Excel ?',
        a:
          'Les deux : .csv (UTF-8, avec ou sans BOM, ou Windows-1252 ; séparateur virgule, point-virgule ou ' +
          'tabulation) et .xlsx. Un .xls est refusé avec la marche à suivre : l’enregistrer en .xlsx ou en CSV ' +
          'UTF-8.',
      },
      {
        id: 'accents',
        q: 'Les accents seront-ils lisibles ?',
        a: 'Oui : l’encodage est détecté (UTF-8 ou Windows-1252 d’un Excel français), « Société » reste « Société ».',
      },
      {
        id: 'organisation-non-trouvee',
        q: '« Organisation non trouvée » à l’import des personnes ?',
        a:
          'La colonne organisation_nom doit désigner une organisation existante : importez les organisations ' +
          'd’abord, puis les personnes.',
      },
      {
        id: 'limite-import',
        q: 'Combien de lignes par fichier ?',
        a:
          'Jusqu’à 100 000 lignes et 20 Mo par fichier. Au-delà, le fichier est refusé avant l’envoi avec la ' +
          'raison : découpez-le.',
      },
    ],
  },
  {
    title: 'Recherche',
    entries: [
      {
        id: 'recherche-rapide',
        q: 'Comment chercher rapidement ?',
        a:
          'Ctrl+K (Cmd+K sur Mac) ou la touche / ouvre la palette : tapez quelques lettres, les organisations, ' +
          'personnes, mandats, produits et interactions s’affichent en quelques millisecondes. La palette ' +
          'trouve aussi les pages et cette aide.',
      },
      {
        id: 'recherche-introuvable',
        q: 'La recherche ne trouve pas une fiche.',
        a:
          'Les accents et majuscules sont ignorés et une faute ou deux sont tolérées. Une fiche que votre rôle ' +
          'ne vous permet pas de voir (autre équipe pour un commercial) n’apparaît pas. Une fiche créée est ' +
          'trouvable immédiatement.',
      },
      {
        id: 'ville',
        q: 'Chercher par ville ou par ancienneté du dernier contact ?',
        a:
          'Organisations → « Filtres avancés » : ville, « Sans contact depuis », « Bloquées > 30 j », ' +
          'responsable, statut.',
      },
    ],
  },
  {
    title: 'Pipeline',
    entries: [
      {
        id: 'duree',
        q: 'Combien de temps rester dans une étape ?',
        a:
          'Deux à quatre semaines en qualification est l’usage. Au-delà de 30 jours dans une étape (hors ' +
          'Signé), l’organisation est marquée « Bloquée > 30 j » et le manager de l’équipe reçoit chaque jour ' +
          'la liste.',
      },
      {
        id: 'signe',
        q: 'Que se passe-t-il quand une organisation passe en Signé ?',
        a:
          'L’équipe est notifiée, l’organisation sort du pipeline ouvert (elle ne compte plus dans le pipeline ' +
          'pondéré) et compte dans les signatures du trimestre. Aucun e-mail n’est envoyé au client.',
      },
      {
        id: 'retour',
        q: 'Revenir à une étape précédente ?',
        a:
          'Oui, par le badge d’étape ou le kanban. Le retour est enregistré dans l’historique comme tout ' +
          'changement ; évitez les allers-retours, ils faussent les taux de conversion.',
      },
    ],
  },
  {
    title: 'Notifications et affichage',
    entries: [
      {
        id: 'cloche',
        q: 'Que compte le badge de la cloche ?',
        a:
          'Vos notifications non lues. Elles arrivent en direct (le point de la cloche indique la connexion) ; ' +
          'vous n’êtes jamais notifié de vos propres actions.',
      },
      {
        id: 'theme',
        q: 'Mode sombre ?',
        a:
          'Le bouton soleil / lune en haut de l’écran bascule le thème ; le choix est gardé sur cet appareil. ' +
          'Sans choix, le CRM suit le réglage du système.',
      },
      {
        id: 'telephone',
        q: 'Le CRM marche-t-il sur téléphone ?',
        a:
          'Oui : la barre du bas mène à l’accueil, aux organisations, au kanban et aux tâches ; « Plus » ouvre ' +
          'le menu complet, dont Mon compte et cette aide.',
      },
      {
        id: 'api',
        q: 'Relier le CRM à un autre logiciel ?',
        a:
          'Par l’API : un administrateur crée un jeton (Administration → Jetons d’API). La documentation, en ' +
          'français, est à l’adresse /api/docs.',
      },
    ],
  },
]
