// Downloadable templates: the columns (named as the plan's guide names them) with two example
// rows, and in the .xlsx a second sheet listing each column's valid values.
import { IMPORT_FIELDS, type ImportEntity } from './import-fields.ts'
import { STYLE, writeXlsx } from './xlsx-writer.ts'
import { BOM, csvLine } from '../shared/csv-text.ts'

const EXAMPLES: Record<ImportEntity, { header: string; field: string; rows: [string, string] }[]> = {
  organisations: [
    { header: 'nom', field: 'name', rows: ['ACME Corp', 'Société XYZ'] },
    { header: 'type', field: 'type', rows: ['INVESTISSEUR', 'FOURNISSEUR'] },
    { header: 'categorie', field: 'category', rows: ['OPCVM', 'ETF'] },
    { header: 'pipeline_stage', field: 'pipelineStage', rows: ['PROSPECT', 'QUALIFICATION'] },
    { header: 'montant', field: 'amount', rows: ['1 250 000,00', ''] },
    { header: 'email', field: 'email', rows: ['contact@acme.com', 'info@xyz.com'] },
    { header: 'telephone', field: 'phone', rows: ['01 02 03 04 05', '06 07 08 09 10'] },
    { header: 'site_web', field: 'website', rows: ['acme.com', ''] },
    { header: 'adresse', field: 'address', rows: ['1 rue de la Paix', ''] },
    { header: 'code_postal', field: 'postalCode', rows: ['75002', '69001'] },
    { header: 'ville', field: 'city', rows: ['Paris', 'Lyon'] },
    { header: 'pays', field: 'country', rows: ['France', 'France'] },
    { header: 'notes', field: 'notes', rows: ['Client VIP', 'Partenaire'] },
  ],
  people: [
    { header: 'prenom', field: 'firstName', rows: ['Jean', 'Marie'] },
    { header: 'nom', field: 'lastName', rows: ['Dupont', 'Martin'] },
    { header: 'email_personnel', field: 'personalEmail', rows: ['jean.dupont@acme.com', 'marie.martin@xyz.com'] },
    { header: 'telephone_personnel', field: 'personalPhone', rows: ['06 12 34 56 78', '06 98 76 54 32'] },
    { header: 'poste', field: 'jobTitle', rows: ['Directeur', 'Responsable'] },
    { header: 'organisation_nom', field: 'organisationName', rows: ['ACME Corp', 'Société XYZ'] },
  ],
}

// UTF-8 with a BOM and `;`: what a French Excel opens correctly with a double click.
export function csvTemplate(entity: ImportEntity) {
  const cols = EXAMPLES[entity]
  const rows = [cols.map((c) => c.header), cols.map((c) => c.rows[0]), cols.map((c) => c.rows[1])]
  return `${BOM}${rows.map((r) => csvLine(r, ';')).join('')}`
}

export function xlsxTemplate(entity: ImportEntity) {
  const cols = EXAMPLES[entity]
  const fields = IMPORT_FIELDS[entity]
  return writeXlsx([
    {
      name: entity === 'organisations' ? 'Organisations' : 'Personnes',
      widths: cols.map(() => 20),
      rows: [
        [
          { cells: cols.map((c) => c.header), style: STYLE.header },
          { cells: cols.map((c) => c.rows[0]) },
          { cells: cols.map((c) => c.rows[1]) },
        ],
      ],
    },
    {
      name: 'Valeurs valides',
      widths: [22, 26, 14, 60],
      rows: [
        [
          { cells: ['Colonne', 'Champ', 'Obligatoire', 'Valeurs acceptées'], style: STYLE.header },
          ...cols.map((c) => {
            const f = fields.find((x) => x.key === c.field)!
            return {
              cells: [c.header, f.label, f.required ? 'oui' : 'non', f.values?.join(', ') ?? formatHint(f.kind)],
            }
          }),
        ],
      ],
    },
  ])
}

const formatHint = (kind: string) =>
  ({
    money: 'Montant en euros : 1 250 000,50 ou 1250000.50 (espaces et € acceptés)',
    email: 'Adresse e-mail',
    phone: 'Chiffres, espaces, +, -, ., parenthèses',
    postalCode: '3 à 10 caractères',
    boolean: 'oui / non',
  })[kind] ?? 'Texte libre'
