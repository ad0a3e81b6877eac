// What tabs tell each other over the BroadcastChannel. Anything else on the channel (another
// version of this package, the app's own messages under the same name) is ignored.

const PROTOCOL = 'axios-status-policy/tabs@1';

/** A token one tab's refresh produced. */
export interface PublishedToken {
  /**
   * Orders publications: each is above every one its publisher had seen and at least its
   * `Date.now()` (tabs share one clock), so a tab that just opened never publishes "older".
   */
  generation: number;
  /** What `auth.refresh` returned; `undefined` when the app keeps the token itself. */
  token: string | undefined;
  /** Epoch ms, from the coordinator's `expiresAt` option in the refreshing tab, if given. */
  expiresAt: number | undefined;
}

/** A 429/503 (or an exhausted rate-limit window) seen by one tab: nobody sends to `origin` before `until`. */
export interface PublishedHold {
  origin: string;
  /** Epoch ms: the deadline, absolute so the time the message spent in transit does not extend it. */
  until: number;
  /** Released paced afterwards (a 429/503), or all at once (a window that resets full). */
  paced: boolean;
}

/** A circuit one tab opened (until the deadline) or closed (`circuitBreaker`). */
export interface PublishedCircuit {
  origin: string;
  state: 'open' | 'closed';
  /** Epoch ms the circuit stays open until (tabs share one clock); 0 when closed. */
  until: number;
}

export type TabsMessage = ({ kind: 'token' } & PublishedToken) | ({ kind: 'hold' } & PublishedHold) | ({ kind: 'circuit' } & PublishedCircuit);

export const toWire = (message: TabsMessage): Record<string, unknown> => ({ protocol: PROTOCOL, ...message });

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Longest token accepted from another tab: as long as a whole request header block may be in
 * Node's and most servers' default limits (16 KiB), so a large real JWT passes and no longer one
 * could have been sent anyway.
 */
const MAX_TOKEN_LENGTH = 16_384;

/**
 * What a token may be made of to travel in another tab's `Authorization` header: visible ASCII
 * and inner spaces, as RFC 6750 tokens and JWTs are. Anything else (line breaks, escape
 * sequences, non-ASCII) is not a token any server issued: axios would strip it into another
 * string, or the browser refuse the header.
 */
const HEADER_SAFE = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;

/** A token as another tab can have published it: `undefined` (kept by the app) or header-safe text. */
const isPublishableToken = (v: unknown): v is string | undefined =>
  v === undefined || (typeof v === 'string' && v.length <= MAX_TOKEN_LENGTH && HEADER_SAFE.test(v));

/**
 * A token message, only when every field is what a tab of this package posts; anything else on
 * the channel (a forged or corrupted message) must never reach `onToken` or a request header.
 */
function tokenFromWire(m: Record<string, unknown>): TabsMessage | undefined {
  const { generation, token, expiresAt } = m;
  // Generations are whole epoch milliseconds (plus a step); one beyond 2^53 could never be passed.
  if (typeof generation !== 'number' || !Number.isSafeInteger(generation) || generation <= 0) return undefined;
  if (!isPublishableToken(token)) return undefined;
  if (expiresAt !== undefined && !isNumber(expiresAt)) return undefined;
  return { kind: 'token', generation, token, expiresAt };
}

/** The message in `data`, or `undefined` when it is not one of ours or is malformed. */
export function fromWire(data: unknown): TabsMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.protocol !== PROTOCOL) return undefined;
  if (m.kind === 'token') return tokenFromWire(m);
  if (m.kind === 'hold' && typeof m.origin === 'string' && isNumber(m.until) && typeof m.paced === 'boolean') {
    return { kind: 'hold', origin: m.origin, until: m.until, paced: m.paced };
  }
  if (m.kind === 'circuit' && typeof m.origin === 'string' && (m.state === 'open' || m.state === 'closed') && isNumber(m.until)) {
    return { kind: 'circuit', origin: m.origin, state: m.state, until: m.until };
  }
  return undefined;
}
