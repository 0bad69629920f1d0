// docxtemplater peer: fills the DOCX template (make_docx_template.py) with each record and
// writes the DOCX files, in one Node process.
//   node docx.js RECORDS.json TEMPLATE.docx OUTDIR
// Prints one JSON line: {"tool":"docxtemplater","docs":N,"setup_s":…,"loop_s":…,"loop_cpu_s":…}.
// The PDFs of these files come from LibreOffice (bench/run: soffice --convert-to pdf).
'use strict';
const fs = require('fs');
const path = require('path');

const [records, template, outDir] = process.argv.slice(2);
const nm = path.join(__dirname, '..', 'node_modules');
const t0 = process.hrtime.bigint();
const PizZip = require(path.join(nm, 'pizzip'));
const Docxtemplater = require(path.join(nm, 'docxtemplater'));

const recs = JSON.parse(fs.readFileSync(records, 'utf8'));
const content = fs.readFileSync(template);  // binary
fs.mkdirSync(outDir, { recursive: true });

// The record's lists of lines become line breaks ({…} with linebreaks: true).
const data = (r) => ({
  parent: r.parent.join('\n'), agency: r.agency.join('\n'), number: r.number,
  place_date: r.place_date, doc_type: r.doc_type, summary: r.summary.join('\n'),
  addressee: r.addressees.join('; '), before: r.before, rows: r.rows, after: r.after,
  recipients_label: r.recipients_label, recipients: r.recipients,
  authority: r.authority.join('\n'), signer: r.signer,
});

const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage();
for (const r of recs) {
  const doc = new Docxtemplater(new PizZip(content), { paragraphLoop: true, linebreaks: true });
  doc.render(data(r));
  const buf = doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
  fs.writeFileSync(path.join(outDir, r.stem + '.docx'), buf);
}
const t2 = process.hrtime.bigint();
const c2 = process.cpuUsage(c1);
console.log(JSON.stringify({ tool: 'docxtemplater', docs: recs.length,
  setup_s: Number(t1 - t0) / 1e9, loop_s: Number(t2 - t1) / 1e9, loop_cpu_s: (c2.user + c2.system) / 1e6 }));
