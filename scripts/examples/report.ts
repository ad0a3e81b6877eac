// What every example driver prints: one line per step, a ✓/✗ per check, and an exit code that
// says whether every check held (0) or not (1).

let failures = 0;

/** A heading for one part of the run. */
export function step(title: string): void {
  console.log(`\n== ${title}`);
}

/** One line of what happened. */
export function say(line: string): void {
  console.log(`   ${line}`);
}

/** Records and prints one check; a failed check makes the run exit 1 but the run goes on. */
export function check(ok: boolean, what: string, got?: unknown): void {
  if (!ok) failures += 1;
  console.log(`   ${ok ? '✓' : '✗'} ${what}${ok || got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`);
}

/** Runs the driver's main; prints the verdict and sets the exit code. */
export function finish(main: () => Promise<void>, name: string): void {
  main()
    .catch((error: unknown) => {
      failures += 1;
      console.error(`\n${name}: crashed:`, error);
    })
    .finally(() => {
      console.log(failures ? `\n${name}: FAILED (${failures} check${failures > 1 ? 's' : ''})` : `\n${name}: OK`);
      process.exitCode = failures ? 1 : 0;
    });
}
