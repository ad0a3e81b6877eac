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

export type TabsMessage = ({ kind: 'token' } & PublishedToken) | ({ kind: 'hold' } & PublishedHold);

export const toWire = (message: TabsMessage): Record<string, unknown> => ({ protocol: PROTOCOL, ...message });

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The message in `data`, or `undefined` when it is not one of ours or is malformed. */
export function fromWire(data: unknown): TabsMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  if (m.protocol !== PROTOCOL) return undefined;
  if (m.kind === 'token' && isNumber(m.generation) && (m.token === undefined || typeof m.token === 'string') && (m.expiresAt === undefined || isNumber(m.expiresAt))) {
    return { kind: 'token', generation: m.generation, token: m.token, expiresAt: m.expiresAt };
  }
  if (m.kind === 'hold' && typeof m.origin === 'string' && isNumber(m.until) && typeof m.paced === 'boolean') {
    return { kind: 'hold', origin: m.origin, until: m.until, paced: m.paced };
  }
  return undefined;
}
