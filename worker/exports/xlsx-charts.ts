// Native charts (DrawingML) on the Graphiques sheet, bound to that sheet's own cells: Excel and
// LibreOffice redraw them from the data, and a reader can follow each series to its range.
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart'
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main'
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing'
const PALETTE = ['1F4E79', '2E86C1', '48C9B0', 'F5B041', 'EC7063', 'AF7AC5', '5D6D7E', 'A9CCE3']

export type SeriesRef = { name: string; nameRef: string; categories: string; values: string; count: number }

const title = (text: string) =>
  [
    '<c:title><c:tx><c:rich><a:bodyPr/>',
    `<a:p><a:pPr><a:defRPr sz="1400" b="1"/></a:pPr><a:r><a:t>${text}</a:t></a:r></a:p>`,
    '</c:rich></c:tx><c:overlay val="0"/></c:title>',
  ].join('')

const ser = (s: SeriesRef, i: number, extra = '') =>
  [
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>`,
    `<c:tx><c:strRef><c:f>${s.nameRef}</c:f></c:strRef></c:tx>${extra}`,
    `<c:cat><c:strRef><c:f>${s.categories}</c:f></c:strRef></c:cat>`,
    `<c:val><c:numRef><c:f>${s.values}</c:f></c:numRef></c:val></c:ser>`,
  ].join('')

const space = (plot: string, chartTitle: string, legend: string) =>
  [
    `${XML}<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">\n`,
    `<c:roundedCorners val="0"/><c:chart>${title(chartTitle)}<c:autoTitleDeleted val="0"/>`,
    `<c:plotArea><c:layout/>${plot}</c:plotArea>`,
    `<c:legend><c:legendPos val="${legend}"/><c:overlay val="0"/></c:legend>`,
    '<c:plotVisOnly val="1"/></c:chart></c:chartSpace>',
  ].join('')

// Data labels: which of the point's facts each label shows (the pie also draws leader lines).
const dataLabels = (showVal: 0 | 1, showPercent: 0 | 1, leaderLines = '') =>
  [
    `<c:dLbls><c:showLegendKey val="0"/><c:showVal val="${showVal}"/><c:showCatName val="0"/>`,
    `<c:showSerName val="0"/><c:showPercent val="${showPercent}"/><c:showBubbleSize val="0"/>${leaderLines}</c:dLbls>`,
  ].join('')

// The value axis starts at zero: LibreOffice otherwise starts it near the smallest bar, and
// four stages of similar amounts then look tenfold apart.
export function barChart(chartTitle: string, s: SeriesRef) {
  const fill = [
    `<c:spPr><a:solidFill><a:srgbClr val="${PALETTE[0]}"/></a:solidFill></c:spPr>`,
    '<c:invertIfNegative val="0"/>',
  ].join('')
  const plot = [
    '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>',
    ser(s, 0, fill),
    dataLabels(1, 0),
    '<c:gapWidth val="80"/><c:axId val="500001"/><c:axId val="500002"/></c:barChart>',
    '<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="minMax"/></c:scaling>',
    '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>',
    '<c:tickLblPos val="nextTo"/><c:crossAx val="500002"/><c:crosses val="autoZero"/>',
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>',
    '<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>',
    '<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/>',
    '<c:tickLblPos val="nextTo"/><c:crossAx val="500001"/><c:crosses val="autoZero"/>',
    '<c:crossBetween val="between"/></c:valAx>',
  ].join('')
  return space(plot, chartTitle, 'b')
}

export function pieChart(chartTitle: string, s: SeriesRef) {
  const points = Array.from({ length: s.count }, (_, i) =>
    [
      `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/>`,
      `<c:spPr><a:solidFill><a:srgbClr val="${PALETTE[i % PALETTE.length]}"/></a:solidFill></c:spPr></c:dPt>`,
    ].join(''),
  ).join('')
  const labels = dataLabels(0, 1, '<c:showLeaderLines val="1"/>')
  const plot = `<c:pieChart><c:varyColors val="1"/>${ser(s, 0, points)}${labels}<c:firstSliceAng val="0"/></c:pieChart>`
  return space(plot, chartTitle, 'r')
}

const anchor = (n: number, from: [number, number], to: [number, number]) =>
  [
    '<xdr:twoCellAnchor editAs="oneCell">',
    `<xdr:from><xdr:col>${from[0]}</xdr:col><xdr:colOff>0</xdr:colOff>`,
    `<xdr:row>${from[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`,
    `<xdr:to><xdr:col>${to[0]}</xdr:col><xdr:colOff>0</xdr:colOff>`,
    `<xdr:row>${to[1]}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>`,
    '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>',
    `<xdr:cNvPr id="${n + 1}" name="Graphique ${n}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>`,
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>',
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${n}"/></a:graphicData></a:graphic>`,
    '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>',
  ].join('')

// Both charts below the data tables (rows 0–11 hold them), side by side: the bar over columns
// A–D (about 15 cm), the pie over E–H (about 12 cm), so each prints whole on an A4 page.
export const DRAWING = `${XML}<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">
${anchor(1, [0, 14], [4, 34])}${anchor(2, [4, 14], [8, 34])}</xdr:wsDr>`

export const DRAWING_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${NS_R}/chart" Target="../charts/chart1.xml"/>
<Relationship Id="rId2" Type="${NS_R}/chart" Target="../charts/chart2.xml"/>
</Relationships>`

export const SHEET3_RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="${NS_R}/drawing" Target="../drawings/drawing1.xml"/>
</Relationships>`
