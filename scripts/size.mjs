// `npm run size`: the bundle-size profiles, their targets and the CI ceilings (scripts/size-measure.mjs
// says what each figure is). Exit 1 when a profile is over its ceiling; a missed target is reported. `--files` lists every source file of
// `attachStatusPolicy`'s bundle, not only the largest.
import { measureSize } from './size-measure.mjs';

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const row = (name, s, extra = '') => console.log(`  ${name.padEnd(44)} ${kb(s.min).padStart(9)} min  ${kb(s.gz).padStart(9)} min+gz${extra}`);

const size = await measureSize();
console.log('profiles (as browsers resolve the package, min+gz, axios external):');
let over = false;
for (const p of size.profiles) {
  over ||= p.gz > p.ceiling;
  const target = p.gz <= p.target ? 'target met' : 'target NOT met';
  row(p.name, p, `   target ${kb(p.target)} (${target}), CI ceiling ${kb(p.ceiling)}${p.gz > p.ceiling ? ' OVER' : ''}`);
}
for (const p of size.profiles) {
  console.log(`\nwhere the bytes of "${p.name}" go (by feature; the gzip share is the feature's part of the minified bundle):`);
  for (const f of p.features) console.log(`  ${f.name.padEnd(64)} ${String(f.min).padStart(6)} B min  ≈${String(f.gz).padStart(5)} B min+gz`);
}
console.log('\nper rule (what one factory adds to attachPolicies alone):');
row('attachPolicies, no rule', size.core);
for (const r of size.rules) console.log(`  ${r.name.padEnd(44)} ${String(r.min).padStart(6)} B min  ${String(r.gz).padStart(6)} B min+gz`);
console.log('\nwhole package (every entry, every export, Node build):');
row('everything', size.whole);

const all = process.argv.includes('--files');
console.log(`\n${all ? 'every' : 'largest'} source file of attachStatusPolicy (minified bytes, before gzip):`);
for (const m of size.attach.modules.slice(0, all ? undefined : 10)) console.log(`  ${m.file.padEnd(44)} ${String(m.min).padStart(6)} B`);

if (over) {
  console.error('\nOVER THE CI CEILING: see the profiles above');
  process.exit(1);
}
console.log('\nevery profile within its CI ceiling');
