// examples/react-native + the built package on React Native's engine: bundled like Metro,
// transformed by @react-native/babel-preset, compiled by hermesc, run on the Hermes VM
// (pipeline.ts). Each scenario of entry.ts is one test here.
import { missingTools, runOnHermes } from './pipeline';
import type { PipelineRun } from './pipeline';

jest.setTimeout(120_000);

const missing = missingTools();
// Straight to stderr: jest swallows console output of a suite whose tests are all skipped.
if (missing) process.stderr.write(`\n*** SKIPPED: Hermes suite — ${missing} ***\n\n`);
const suite = missing ? describe.skip : describe;

suite('Hermes (React Native engine)', () => {
  let run: PipelineRun;
  beforeAll(async () => {
    run = await runOnHermes();
    const f = (n: number): string => `${Math.round(n)} ms`;
    console.log(
      [
        `bundle ${run.bytes.bundle} B (${f(run.ms.bundle)}) → babel ${run.bytes.babel} B (${f(run.ms.babel)})`,
        `→ hermesc ${run.bytes.hbc} B bytecode (${f(run.ms.hermesc)}) → VM run ${f(run.ms.run)}`,
        ...run.lines,
      ].join('\n'),
    );
  });

  // Every scenario of entry.ts, in order.
  const scenarios: Array<[string]> = [
    ['environment: no TextDecoder, Buffer, URL or AbortController here'],
    ['500 → retry after backoff → 200'],
    ['429 Retry-After: 2 → retry no earlier than 2 s later (timers), POST body re-sent'],
    ['429 hold: a request started during the wait is held until the deadline'],
    ['abort during a wait: with no AbortController, a cancelToken still cancels it'],
    ['examples/react-native: tokens from AsyncStorage, 401 → one refresh → repeat'],
    ['examples/react-native: 207 batch body (a string) parsed into sub-responses'],
    ['offline (NetInfo): a GET waits for the network, then resolves with no retry spent'],
    ['offline (NetInfo): a POST without Idempotency-Key fails at once'],
    ['offline (NetInfo): a cancel while waiting for the network ends it; nothing sent after'],
  ];
  const names = scenarios.map(([name]) => name);

  it('the program ran to the end and every scenario reported', () => {
    expect(run.lines.at(-1)).toBe('DONE');
    const reported = run.lines.filter((l) => /^(PASS|FAIL)\t/.test(l)).map((l) => l.split('\t')[1]);
    expect(reported).toEqual(names);
  });

  for (const [name] of scenarios) {
    it(name, () => {
      const line = run.lines.find((l) => l.split('\t')[1] === name) ?? `MISSING\t${name}`;
      expect(line).toBe(`PASS\t${name}`);
    });
  }
});
