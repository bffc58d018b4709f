// The fixed parts of the workbook (SpreadsheetML, ECMA-376): package relations, the workbook
// with its three sheets, the styles the cells refer to. Written by hand rather than through a
// library: see docs/decisions/006-exports.md for the measurements behind that choice.
export const SHEETS = ['Données', 'Statistiques', 'Graphiques'] as const

// Style ids (cellXfs order in STYLES).
export const STYLE = { text: 0, header: 1, date: 2, money: 3, int: 4, title: 5, bold: 6, boldMoney: 7 } as const

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CT = 'application/vnd.openxmlformats-officedocument'

export const CONTENT_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="${CT}.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet3.xml" ContentType="${CT}.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="${CT}.spreadsheetml.styles+xml"/>
<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}.drawing+xml"/>
<Override PartName="/xl/charts/chart1.xml" ContentType="${CT}.drawingml.chart+xml"/>
<Override PartName="/xl/charts/chart2.xml" ContentType="${CT}.drawingml.chart+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`

export const ROOT_RELS = `${XML}<Relationships xmlns="${NS_PKG}">
<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>
<Relationship Id="rId2" Type="${NS_PKG}/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`

export const coreProps = (title: string, author: string, at: Date) =>
  [
    `${XML}<cp:coreProperties`,
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"',
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n',
    `<dc:title>${esc(title)}</dc:title><dc:creator>${esc(author)}</dc:creator>\n`,
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at.toISOString().slice(0, 19)}Z</dcterms:created>\n`,
    '</cp:coreProperties>',
  ].join('')

// The lines that end in '\n' keep the parts' line breaks as first written; a reader ignores them.
export const workbook = (filterRef: string) =>
  [
    `${XML}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">\n`,
    '<bookViews><workbookView activeTab="0"/></bookViews><sheets>\n',
    ...SHEETS.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`),
    '\n</sheets><definedNames>',
    `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Données'!${filterRef}</definedName>`,
    '</definedNames>\n',
    '</workbook>',
  ].join('')

export const WORKBOOK_RELS = [
  `${XML}<Relationships xmlns="${NS_PKG}">\n`,
  ...SHEETS.map(
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ),
  `\n<Relationship Id="rId4" Type="${NS_REL}/styles" Target="styles.xml"/>\n`,
  '</Relationships>',
].join('')

export const STYLES = [
  `${XML}<styleSheet xmlns="${NS_MAIN}">\n`,
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>',
  '<numFmt numFmtId="165" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts>\n',
  '<fonts count="4"><font><sz val="11"/><name val="Calibri"/></font>',
  '<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/></font>',
  '<font><b/><sz val="14"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\n',
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FF1F4E79"/><bgColor indexed="64"/></patternFill></fill>',
  '</fills>\n',
  '<borders count="2"><border/><border><bottom style="thin"><color rgb="FF9CA3AF"/></bottom></border></borders>\n',
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\n',
  '<cellXfs count="8"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1">',
  '<alignment vertical="center"/></xf>',
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>',
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
  '<xf numFmtId="165" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/></cellXfs>\n',
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\n',
  '</styleSheet>',
].join('')

// XML text: escaped, and stripped of the control characters XML 1.0 forbids.
// biome-ignore lint/suspicious/noControlCharactersInRegex: those are exactly the characters removed
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g
export function esc(s: string) {
  let out = s.replace(FORBIDDEN, '')
  if (/[&<>"]/.test(out))
    out = out.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  return out
}

// Column letters: 0 → A, 26 → AA.
export function colName(i: number): string {
  let s = ''
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}
