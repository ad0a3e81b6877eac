// Sums self time per function from the .cpuprofile files in a directory, top 30, and the share
// spent in dist/index.js (ours) vs axios vs the rest.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const prof = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    const n = byId.get(prof.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const share = (re) => [...self].filter(([k]) => re.test(k)).reduce((a, [, v]) => a + v, 0) / total;
  console.log(`${file}: total ${(total / 1000).toFixed(0)} ms; dist ${(share(/ dist\//) * 100).toFixed(1)}%, axios ${(share(/ axios\//) * 100).toFixed(1)}%`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}
