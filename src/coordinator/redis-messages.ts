import { safeText } from '../http/redact';

/**
 * What processes tell each other on the namespace's channel (JSON). `from` names the sender. A
 * token notice carries no token: receivers read it from the record its fence names, so a
 * subscriber of the channel learns nothing it could send, and a forged notice changes nothing.
 */
export type SharedMessage =
  | { kind: 'token'; from: string; fence: number }
  | { kind: 'failed'; from: string; fence: number; reason: string }
  | { kind: 'hold'; from: string; origin: string; waitMs: number; paced: boolean }
  /** A circuit this process opened (for `openMs`) or closed; checked again on receipt (`mirrorCircuit`). */
  | { kind: 'circuit'; from: string; origin: string; state: string; openMs: number };

/** The longest failure reason taken from the channel into an error message. */
const MAX_REASON = 200;

/** A message from the channel, or `undefined` when it is not one of ours (never throws). */
export function parseMessage(text: string): SharedMessage | undefined {
  try {
    const message = JSON.parse(text) as Partial<Record<string, unknown>> | null;
    if (!message || typeof message.from !== 'string') return undefined;
    const { from, fence } = message;
    if (typeof fence === 'number' && Number.isFinite(fence)) {
      if (message.kind === 'token') return { kind: 'token', from, fence };
      // Anyone who may publish on the channel writes this text, and it ends up in error messages.
      if (message.kind === 'failed') return { kind: 'failed', from, fence, reason: safeText(String(message.reason), MAX_REASON) };
    }
    if (message.kind === 'hold' && typeof message.origin === 'string' && typeof message.waitMs === 'number') return message as SharedMessage;
    if (message.kind === 'circuit' && typeof message.origin === 'string' && typeof message.state === 'string') {
      return { kind: 'circuit', from, origin: message.origin, state: message.state, openMs: typeof message.openMs === 'number' ? message.openMs : 0 };
    }
  } catch {
    // Someone else's traffic on our channel: not ours to read.
  }
  return undefined;
}
