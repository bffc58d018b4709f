import { isinCheckDigit } from '../worker/shared/fields.ts'
// Realistic French names for the demo and benchmark data sets.
export const ORG_PREFIXES = ['Groupe', 'Banque', 'Crédit', 'Société', 'Compagnie', 'Mutuelle', 'Caisse', 'Financière', 'Gestion', 'Patrimoine', 'Cabinet', 'Family Office']
export const ORG_ROOTS = ['Alforis', 'Générale', 'Lyonnaise', 'Rhône-Alpes', 'Atlantique', 'Méditerranée', 'Saint-Honoré', 'Montaigne', 'Haussmann', 'Vendôme', 'Bellecour', 'Garonne', 'Loire', 'Provence', 'Normandie', 'Bretagne', 'Alsace', 'Aquitaine', 'Occitanie', 'Champagne', 'Étoile', 'Opéra', 'Concorde', 'Trocadéro', 'Mirabeau', 'Colbert', 'Richelieu', 'Turgot', 'Sully', 'Mazarin', 'Voltaire', 'Pascal', 'Lavoisier', 'Ampère', 'Curie', 'Monge', 'Carnot', 'Fourier', 'Laplace', 'Descartes']
export const ORG_SUFFIXES = ['Capital', 'Gestion', 'Investissements', 'Partners', 'Asset Management', 'Conseil', 'Patrimoine', 'Finance', 'AM', 'Wealth', 'Assurances', 'Épargne']
export const FIRST_NAMES = ['Jean', 'Marie', 'Pierre', 'Sophie', 'Luc', 'Camille', 'Nicolas', 'Claire', 'Thomas', 'Julie', 'François', 'Isabelle', 'Antoine', 'Céline', 'Julien', 'Aurélie', 'Mathieu', 'Hélène', 'Olivier', 'Nathalie', 'Éric', 'Laure', 'Guillaume', 'Émilie', 'Benoît', 'Anaïs', 'Sébastien', 'Chloé', 'Rémi', 'Élodie', 'Jérôme', 'Inès', 'Hugo', 'Léa', 'Gaël', 'Noémie', 'Étienne', 'Maëlle', 'Loïc', 'Zoé']
export const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin']
export const CITIES: [string, string][] = [['Paris', '75008'], ['Lyon', '69002'], ['Marseille', '13001'], ['Toulouse', '31000'], ['Nice', '06000'], ['Nantes', '44000'], ['Strasbourg', '67000'], ['Montpellier', '34000'], ['Bordeaux', '33000'], ['Lille', '59000'], ['Rennes', '35000'], ['Reims', '51100'], ['Le Havre', '76600'], ['Saint-Étienne', '42000'], ['Toulon', '83000'], ['Grenoble', '38000'], ['Dijon', '21000'], ['Angers', '49000'], ['Nîmes', '30000'], ['Aix-en-Provence', '13100'], ['Clermont-Ferrand', '63000'], ['Tours', '37000'], ['Amiens', '80000'], ['Limoges', '87000'], ['Annecy', '74000'], ['Neuilly-sur-Seine', '92200'], ['Versailles', '78000'], ['Boulogne-Billancourt', '92100']]
export const JOB_TITLES = ['Directeur général', 'Directrice financière', 'Responsable des investissements', 'Gérant de portefeuille', 'Conseiller en gestion de patrimoine', 'Responsable conformité', 'Directeur commercial', 'Analyste', 'Responsable partenariats', 'Secrétaire général', 'Chargée de clientèle', 'Directeur des opérations']
export const NOTES = ['Intéressé par les fonds ISR et la thématique climat.', 'Souhaite une présentation de la gamme SCPI avant la fin du trimestre.', 'Comité d\'investissement mensuel, décision collégiale.', 'Relancer après la publication des résultats annuels.', 'Apporteur d\'affaires historique, relation de confiance.', 'Demande des reportings trimestriels détaillés.', 'Allocation cible : 60 % obligataire, 40 % actions.', 'Recherche des solutions de private equity pour ses clients fortunés.', 'Budget validé pour un premier ticket en assurance vie.', 'Contact établi au salon Patrimonia.']
export const PRODUCT_NAMES = ['Alforis Europe Actions', 'Alforis Obligations Vertes', 'Patrimoine Immobilier SCPI', 'Sélection ETF Monde', 'Rendement Crédit 2030', 'Private Equity Croissance', 'Assurance Vie Horizon', 'Foncière Santé SCI', 'Actions Françaises PME', 'Monétaire Plus', 'Infrastructure Durable', 'Multi-Actifs Prudent']

// Deterministic pseudo-random numbers: the same seed gives the same demo data everywhere.
export function rng(seed = 42) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T,>(arr: readonly T[]): T => arr[Math.floor(next() * arr.length)]!
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  return { next, pick, int }
}

// ISIN with a valid Luhn check digit (ISO 6166), e.g. FR0010000015.
export function makeIsin(country: string, body: string) {
  const base = `${country}${body.padStart(9, '0')}`
  return `${base}${isinCheckDigit(base)}`
}
