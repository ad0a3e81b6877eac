// The demo's output: one line per event, stamped with the time since the scenario started.
// Identical lines in a row (six requests retried the same way, say) are printed once with "×N".
// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).

const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
const paint = (code) => (text) => (useColour ? `\x1b[${code}m${text}\x1b[0m` : text);
const dim = paint('2');
const bold = paint('1');
const TAG_COLOURS = { server: paint('36'), policy: paint('33'), client: paint('32') };

/** Colours the leading `server`/`policy`/`client` tag of a line. */
function colourTag(text) {
  const tag = text.slice(0, 6);
  const colour = TAG_COLOURS[tag];
  return colour ? colour(tag) + text.slice(6) : text;
}

// How long a line waits for an identical one before it is printed (a burst repeats within ms).
const SETTLE_MS = 30;

export function createTimeline(write = (line) => console.log(line)) {
  let start = performance.now();
  /** The line not yet printed: its first stamp, text and how often it came in a row. */
  let pending;
  let timer;

  const stamp = (at) => `+${((at - start) / 1000).toFixed(3)}s`.padStart(9);

  function flush() {
    clearTimeout(timer);
    if (!pending) return;
    const times = pending.count > 1 ? bold(`  ×${pending.count}`) : '';
    write(`  ${dim(stamp(pending.at))}  ${colourTag(pending.text)}${times}`);
    pending = undefined;
  }

  return {
    /** A timeline line (`server  …`, `policy  …`, `client  …`). */
    log(text) {
      if (pending && pending.text === text) {
        pending.count++;
      } else {
        flush();
        pending = { at: performance.now(), text, count: 1 };
      }
      clearTimeout(timer);
      timer = setTimeout(flush, SETTLE_MS);
      timer.unref?.();
    },
    /** A scenario heading; restarts the clock. */
    heading(title) {
      flush();
      write(`\n${bold(`▶ ${title}`)}`);
      start = performance.now();
    },
    /** Any other line (a summary, a failure), after whatever is pending. */
    note(text) {
      flush();
      write(text);
    },
    flush,
  };
}
