import axios from 'axios';

/** How one call ended, recorded so a test can check every request settled exactly once. */
export interface Settled {
  ok: boolean;
  status: number | undefined;
  attempts: number | undefined;
  reason: string | undefined;
  code: string | undefined;
  error: unknown;
}

/** Wraps a call; `count` is bumped on every settlement, so a double settle would show. */
export function track(promise: Promise<{ status: number; statusPolicy?: { attempts: number } }>, count: { n: number }): Promise<Settled> {
  return promise.then(
    (res) => {
      count.n++;
      return { ok: true, status: res.status, attempts: res.statusPolicy?.attempts, reason: undefined, code: undefined, error: undefined };
    },
    (error: unknown) => {
      count.n++;
      const e = error as { response?: { status: number }; statusPolicy?: { attempts: number; reason?: string }; code?: string };
      if (!axios.isAxiosError(error)) return { ok: false, status: undefined, attempts: undefined, reason: 'not-an-axios-error', code: undefined, error };
      return { ok: false, status: e.response?.status, attempts: e.statusPolicy?.attempts, reason: e.statusPolicy?.reason, code: e.code, error };
    },
  );
}
