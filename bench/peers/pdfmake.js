// pdfmake peer: builds the benchmark report's document definition for each record and writes
// the PDFs, in one Node process.
//   node pdfmake.js RECORDS.json OUTDIR FONTDIR
// Prints one JSON line: {"tool":"pdfmake","docs":N,"setup_s":…,"loop_s":…,"loop_cpu_s":…}.
//
// Same document as bench/resources/templates/bench-report.xml: ND30 geometry (A4, margins
// 20/20/30/15 mm, body 14 pt justified, 1 cm first-line indent, 6 pt after), Liberation Serif
// from FONTDIR, headings kept with what follows (pdfmake's documented pageBreakBefore recipe),
// table rows never split with the header row repeated, the signature block unbreakable.
'use strict';
const fs = require('fs');
const path = require('path');

const [records, outDir, fontDir] = process.argv.slice(2);
const nm = path.join(__dirname, '..', 'node_modules');
const pdfmake = require(path.join(nm, 'pdfmake'));
const fontkit = require(path.join(nm, 'fontkit'));

const mm = (v) => v * 72 / 25.4;
const PAGE_W = mm(210);
const MARGIN = { left: mm(30), top: mm(20), right: mm(15), bottom: mm(20) };
const TEXT_W = PAGE_W - MARGIN.left - MARGIN.right;
const COLS = [6, 42, 18, 20, 14];  // relative widths, as in the hoso template
const PAD_X = 4, PAD_Y = 2, LINE = 0.5;

const t0 = process.hrtime.bigint();
const font = (f) => path.join(fontDir, f);
pdfmake.setFonts({
  LiberationSerif: {
    normal: font('LiberationSerif-Regular.ttf'), bold: font('LiberationSerif-Bold.ttf'),
    italics: font('LiberationSerif-Italic.ttf'), bolditalics: font('LiberationSerif-BoldItalic.ttf'),
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => p.startsWith(fontDir));
// Widths of the texts the ND30 rules are measured against (rule = 40 % of the agency name or
// trích yếu, the motto rule as long as the motto).
const bold = fontkit.openSync(font('LiberationSerif-Bold.ttf'));
const width = (s, size) => bold.layout(s).advanceWidth / bold.unitsPerEm * size;
// Single spacing as Word (and hoso, and LibreOffice) compute it: ascent + descent + the hhea
// line gap (1.15 em for Liberation Serif); pdfmake's own line is ascent + descent.
const LINE_HEIGHT = (bold.ascent - bold.descent + bold.lineGap) / (bold.ascent - bold.descent);

const rule = (length, columnWidth, top) => ({
  canvas: [{ type: 'line', x1: 0, y1: 0, x2: length, y2: 0, lineWidth: LINE }],
  margin: [(columnWidth - length) / 2, top, 0, 0],
});

function definition(r) {
  const leftW = TEXT_W * 0.40, rightW = TEXT_W - leftW;
  const agencyW = Math.max(...r.agency.map((l) => width(l, 12)));
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const summaryW = Math.max(...r.summary.map((l) => width(l, 14)));
  const content = [];
  content.push({
    columns: [
      { width: leftW, stack: [
        ...r.parent.map((l) => ({ text: l, fontSize: 12, alignment: 'center' })),
        ...r.agency.map((l) => ({ text: l, fontSize: 12, bold: true, alignment: 'center' })),
        rule(0.4 * agencyW, leftW, 2),
      ] },
      { width: rightW, stack: [
        { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', fontSize: 12, bold: true, alignment: 'center' },
        { text: motto, fontSize: 13, bold: true, alignment: 'center' },
        rule(width(motto, 13), rightW, 2),
      ] },
    ],
    columnGap: 0,
  });
  // Số and the date on one line, under the taller column.
  content.push({
    columns: [
      { width: leftW, text: r.number, fontSize: 13, alignment: 'center' },
      { width: rightW, text: r.place_date, italics: true, alignment: 'center' },
    ],
    columnGap: 0,
    margin: [0, 6, 0, 0],
  });
  content.push({ text: r.doc_type, bold: true, alignment: 'center', margin: [0, 12, 0, 0] });
  for (const l of r.summary) content.push({ text: l, bold: true, alignment: 'center' });
  content.push(rule(0.4 * summaryW, TEXT_W, 2));
  content.push({ text: 'Kính gửi: ' + r.addressees.join('; '), alignment: 'center', margin: [0, 12, 0, 6] });

  const blocks = (items) => {
    for (const b of items) {
      if (b.h !== null) content.push({ text: b.h, style: 'heading', headlineLevel: 1 });
      for (const p of b.p) content.push({ text: p, style: 'body' });
    }
  };
  blocks(r.before);

  const cell = (text, align, extra) => Object.assign({ text, alignment: align, verticalAlignment: 'middle' }, extra);
  const body = [r.header_row.map((h) => cell(h, 'center', { bold: true }))];
  for (const row of r.rows) {
    body.push([cell(row.tt, 'center'), cell(row.name, 'left'), cell(row.req, 'center'),
      cell(row.value, 'center'), cell(row.result, 'center')]);
  }
  const total = COLS.reduce((a, b) => a + b, 0);
  content.push({
    table: {
      headerRows: 1, dontBreakRows: true, body,
      // pdfmake widths exclude the cell padding and rules.
      widths: COLS.map((c) => c / total * TEXT_W - 2 * PAD_X - LINE),
    },
    layout: {
      hLineWidth: () => LINE, vLineWidth: () => LINE,
      paddingLeft: () => PAD_X, paddingRight: () => PAD_X,
      paddingTop: () => PAD_Y, paddingBottom: () => PAD_Y,
    },
    fontSize: 13,
    margin: [0, 0, 0, 6],
  });
  blocks(r.after);

  content.push({
    unbreakable: true,
    margin: [0, 6, 0, 0],
    columns: [
      { width: TEXT_W * 0.45, stack: [
        { text: r.recipients_label, fontSize: 12, bold: true, italics: true },
        ...r.recipients.map((l) => ({ text: l, fontSize: 11 })),
      ] },
      { width: TEXT_W * 0.55, stack: [
        ...r.authority.map((l) => ({ text: l, bold: true, alignment: 'center' })),
        { text: r.signer, bold: true, alignment: 'center', margin: [0, 80, 0, 0] },
      ] },
    ],
    columnGap: 0,
  });

  return {
    info: { title: r.meta.title, author: r.meta.author },
    pageSize: 'A4',
    pageMargins: [MARGIN.left, MARGIN.top, MARGIN.right, MARGIN.bottom],
    header: (page) => (page > 1 ? { text: String(page), alignment: 'center', fontSize: 14, margin: [0, 20, 0, 0] } : null),
    defaultStyle: { font: 'LiberationSerif', fontSize: 14, lineHeight: LINE_HEIGHT },
    styles: {
      body: { alignment: 'justify', leadingIndent: mm(10), margin: [0, 0, 0, 6] },
      heading: { bold: true, alignment: 'justify', leadingIndent: mm(10), margin: [0, 0, 0, 6] },
    },
    // A heading never ends a page (pdfmake's documented recipe).
    pageBreakBefore: (node, nodes) => node.headlineLevel === 1 && nodes.getFollowingNodesOnPage().length === 0,
    content,
  };
}

async function main() {
  const recs = JSON.parse(fs.readFileSync(records, 'utf8'));
  fs.mkdirSync(outDir, { recursive: true });
  const t1 = process.hrtime.bigint();
  const c1 = process.cpuUsage();
  for (const r of recs) {
    const buf = await pdfmake.createPdf(definition(r)).getBuffer();
    fs.writeFileSync(path.join(outDir, r.stem + '.pdf'), buf);
  }
  const t2 = process.hrtime.bigint();
  const c2 = process.cpuUsage(c1);
  console.log(JSON.stringify({ tool: 'pdfmake', docs: recs.length,
    setup_s: Number(t1 - t0) / 1e9, loop_s: Number(t2 - t1) / 1e9, loop_cpu_s: (c2.user + c2.system) / 1e6 }));
}
main().catch((e) => { console.error(e); process.exit(1); });
