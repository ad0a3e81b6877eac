import axios from 'axios';

/** How one call ended. `reason: 'deadline'` means it had not settled when its deadline passed. */
export interface Settled {
  ok: boolean;
  status: number | undefined;
  attempts: number | undefined;
  reason: string | undefined;
  code: string | undefined;
  error: unknown;
}

type Call = Promise<{ status: number; statusPolicy?: { attempts: number } }>;

/**
 * Records how calls end. A promise settles at most once, so counting its handlers proves nothing;
 * what can really go wrong is a call that never settles. So every call gets a deadline: one still
 * pending then comes back as `reason: 'deadline'` and stays counted in `pending`, so a test that
 * checks `pending === 0` and each outcome fails on a hang instead of timing out without a word.
 */
export class Outcomes {
  started = 0;
  settled = 0;

  constructor(private readonly deadlineMs: number) {}

  /** Calls tracked that have not settled (after a deadline: the ones that never did). */
  get pending(): number {
    return this.started - this.settled;
  }

  track(call: Call): Promise<Settled> {
    this.started++;
    return new Promise<Settled>((resolve) => {
      let done = false;
      const finish = (outcome: Settled) => {
        if (done) return; // the deadline already answered for this call
        done = true;
        this.settled++;
        clearTimeout(deadline);
        resolve(outcome);
      };
      const deadline = setTimeout(() => {
        done = true;
        const error = new Error(`not settled within ${this.deadlineMs} ms`);
        resolve({ ok: false, status: undefined, attempts: undefined, reason: 'deadline', code: undefined, error });
      }, this.deadlineMs);
      call.then(
        (res) => finish({ ok: true, status: res.status, attempts: res.statusPolicy?.attempts, reason: undefined, code: undefined, error: undefined }),
        (error: unknown) => {
          if (!axios.isAxiosError(error)) return finish({ ok: false, status: undefined, attempts: undefined, reason: 'not-an-axios-error', code: undefined, error });
          const info = (error as { statusPolicy?: { attempts: number; reason?: string } }).statusPolicy;
          return finish({ ok: false, status: error.response?.status, attempts: info?.attempts, reason: info?.reason, code: error.code, error });
        },
      );
    });
  }
}
