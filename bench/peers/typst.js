// Typst peer: compiles report.typ once per record in one Node process and writes the PDFs.
//   node typst.js RECORDS.json OUTDIR FONTDIR
// Prints one JSON line: {"tool":"typst","docs":N,"setup_s":…,"loop_s":…,"loop_cpu_s":…}.
// loop_s covers the compile + write of every record; setup_s is the compiler's creation.
//
// The npm wrapper package @myriaddreamin/typst-ts-node-compiler has been reported not to install
// (some of its optional platform packages not served), so the linux-x64-gnu platform package is
// loaded directly: it is the same native module the wrapper would load.
'use strict';
const fs = require('fs');
const path = require('path');

const [records, outDir, fontDir] = process.argv.slice(2);
const { NodeCompiler } = require(path.join(__dirname, '..', 'node_modules', '@myriaddreamin',
  'typst-ts-node-compiler-linux-x64-gnu', 'typst-ts-node-compiler.linux-x64-gnu.node'));

const recs = JSON.parse(fs.readFileSync(records, 'utf8'));
const source = fs.readFileSync(path.join(__dirname, 'report.typ'), 'utf8');
fs.mkdirSync(outDir, { recursive: true });

const t0 = process.hrtime.bigint();
const compiler = NodeCompiler.create({ workspace: __dirname, fontArgs: [{ fontPaths: [fontDir] }] });
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage();
for (const r of recs) {
  const pdf = compiler.pdf({ mainFileContent: source, inputs: { data: JSON.stringify(r) } });
  fs.writeFileSync(path.join(outDir, r.stem + '.pdf'), pdf);
  compiler.evictCache(10);  // as typst.ts advises for long-running compilers (bounded memory)
}
const t2 = process.hrtime.bigint();
const c2 = process.cpuUsage(c1);
console.log(JSON.stringify({ tool: 'typst', docs: recs.length,
  setup_s: Number(t1 - t0) / 1e9, loop_s: Number(t2 - t1) / 1e9, loop_cpu_s: (c2.user + c2.system) / 1e6 }));
