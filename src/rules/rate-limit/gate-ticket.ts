import type { InternalAxiosRequestConfig } from 'axios';
import type { TimeLimit } from '../../run/wait';
import type { OriginGate } from './origin-gate';

/**
 * A throttled request's turn at its origin's gate, held by the rate-limit rule for that request.
 * The retry takes its place in the queue when its wait starts (ahead of requests that arrive
 * later) and is released with them, paced; the send the gate let through must then not queue at
 * the gate a second time, so its `beforeSend` spends the ticket instead.
 */
export class GateTicket {
  private released = false;
  constructor(
    private readonly gate: OriginGate,
    private readonly config: InternalAxiosRequestConfig,
  ) {}

  /** Queues the retry at the gate; settles when the gate releases it (`undefined`: at once). */
  wait(limit: TimeLimit | undefined): Promise<void> | undefined {
    const turn = this.gate.enter(this.config, true, limit);
    if (!turn) {
      this.released = true;
      return undefined;
    }
    return turn.then(() => {
      this.released = true;
    });
  }

  /** Whether the gate released this request: true once, for the send it let through. */
  spend(): boolean {
    const released = this.released;
    this.released = false;
    return released;
  }
}
