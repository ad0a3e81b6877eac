// `npm run example:react-native`: examples/react-native/session.ts through the React Native
// pipeline the Hermes test suite uses (__tests__/hermes/pipeline.ts): bundled as Metro resolves
// packages, transformed by @react-native/babel-preset, compiled by hermesc and run on the Hermes
// VM. The Hermes CLI has no network, so the API is in the program (react-native-app.ts), and its
// timers do not wait, so time is a virtual clock. Prints what the program reported.
import path from 'node:path';
import { missingTools, runOnHermes } from '../../__tests__/hermes/pipeline';
import { check, finish, say, step } from './report';

async function main(): Promise<void> {
  const missing = missingTools();
  if (missing) throw new Error(`cannot run Hermes here: ${missing}`);
  step('bundle (Metro resolution) → babel (@react-native/babel-preset) → hermesc → Hermes VM');
  const run = await runOnHermes(path.join(__dirname, 'react-native-app.ts'));
  say(`bundle ${run.bytes.bundle} B → babel ${run.bytes.babel} B → ${run.bytes.hbc} B bytecode`);
  step('what the program reported');
  for (const line of run.lines) {
    const [kind, first, second] = line.split('\t');
    if (kind === 'LOG') say(first ?? '');
    else if (kind === 'CHECK') check(first === 'ok', second ?? '');
    else if (kind !== 'DONE') say(`(hermes) ${line}`);
  }
  check(run.lines.at(-1) === 'DONE', 'the program ran to the end');
}

finish(main, 'example:react-native');
