// What the Hermes program needs around it: a virtual clock (the Hermes CLI runs every setTimeout
// at once, whatever its delay, so real waits cannot be observed there) and an in-memory axios
// adapter. Runs inside Hermes only; bundled by pipeline.ts.
import { AxiosError } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

declare const print: (...args: unknown[]) => void;
export const out = (line: string): void => print(line);

type Timer = { at: number; seq: number; fn: () => void };
const host = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
const timers = new Map<number, Timer>();
let now = 1_700_000_000_000;
let seq = 0;

/** Replaces the timer globals and Date.now with a virtual clock advanced by `settle`. */
export function installVirtualClock(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  g.setTimeout = (fn: () => void, ms?: number): number => {
    seq += 1;
    timers.set(seq, { at: now + Math.max(0, ms ?? 0), seq, fn });
    return seq;
  };
  g.clearTimeout = (id: number): void => void timers.delete(id);
  Date.now = () => now;
}

export const clock = (): number => now;

/** Lets pending promise jobs run: one host task turn. */
const turn = (): Promise<void> => new Promise((resolve) => host.setTimeout(resolve, 0));

/** Runs virtual time forward, timer by timer, until `promise` settles (like jest's fake timers). */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  let done = false;
  const result: { value?: T; error?: unknown } = {};
  promise.then(
    (v) => ((result.value = v), (done = true)),
    (e: unknown) => ((result.error = e), (done = true)),
  );
  for (let i = 0; i < 10_000 && !done; i++) {
    // Host turns before virtual time moves: with the microtask queue one is enough; a few more
    // let host-task work (none expected) finish first, so no timer fires early.
    for (let k = 0; k < 20 && !done; k++) await turn();
    if (done) break;
    const next = [...timers.values()].sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
    if (!next) continue;
    timers.delete(next.seq);
    now = Math.max(now, next.at);
    next.fn();
  }
  if (!done) throw new Error('did not settle');
  return result;
}

export interface Canned {
  status: number;
  headers?: Record<string, string>;
  /** Sent as the raw string, as XMLHttpRequest hands it to axios on React Native. */
  body?: string;
}

export interface Sent {
  method: string;
  url: string;
  at: number;
  authorization: string | undefined;
  data: unknown;
}

/**
 * An axios adapter answering from `route(config)` with string bodies, rejecting like axios's own
 * adapters do (validateStatus → AxiosError with the response). Records what was sent and when.
 */
export function memoryAdapter(route: (sent: Sent) => Canned): { adapter: AxiosAdapter; sent: Sent[] } {
  const sent: Sent[] = [];
  const adapter: AxiosAdapter = (config: InternalAxiosRequestConfig) => {
    const auth = config.headers.get('Authorization');
    const s: Sent = {
      method: (config.method ?? 'get').toUpperCase(),
      url: `${config.baseURL ?? ''}${config.url ?? ''}`,
      at: now,
      authorization: typeof auth === 'string' ? auth : undefined,
      data: config.data,
    };
    sent.push(s);
    const canned = route(s);
    const response: AxiosResponse = {
      data: canned.body ?? '',
      status: canned.status,
      statusText: String(canned.status),
      headers: canned.headers ?? {},
      config,
      request: {},
    };
    const ok = config.validateStatus ? config.validateStatus(canned.status) : canned.status < 300;
    if (ok) return Promise.resolve(response);
    const code = canned.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
    return Promise.reject(new AxiosError(`Request failed with status code ${canned.status}`, code, config, {}, response));
  };
  return { adapter, sent };
}
