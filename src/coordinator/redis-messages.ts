/** What processes tell each other on the namespace's channel (JSON). `from` names the sender. */
export type SharedMessage =
  | { kind: 'token'; from: string; fence: number; token?: string; expiresAt?: number }
  | { kind: 'failed'; from: string; fence: number; reason: string }
  | { kind: 'hold'; from: string; origin: string; waitMs: number; paced: boolean };

/** A message from the channel, or `undefined` when it is not one of ours (never throws). */
export function parseMessage(text: string): SharedMessage | undefined {
  try {
    const message = JSON.parse(text) as Partial<SharedMessage> | null;
    if (!message || typeof message.from !== 'string') return undefined;
    if ((message.kind === 'token' || message.kind === 'failed') && typeof message.fence === 'number') return message as SharedMessage;
    if (message.kind === 'hold' && typeof message.origin === 'string' && typeof message.waitMs === 'number') return message as SharedMessage;
  } catch {
    // Someone else's traffic on our channel: not ours to read.
  }
  return undefined;
}
