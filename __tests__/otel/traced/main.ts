// A child process (see ../traced-process.ts): `node main.cjs <mode> <scenario> <withOtel>` prints
// one scenario's result as JSON. The tracing set-up must run before axios loads `http`.
import { mode } from './tracing';

async function main(): Promise<void> {
  const { runScenario } = await import('./scenarios');
  const result = await runScenario(process.argv[3]!, process.argv[4] === 'otel');
  process.stdout.write(JSON.stringify({ mode, ...result }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(String(error instanceof Error ? error.stack : error));
    process.exit(1);
  },
);
