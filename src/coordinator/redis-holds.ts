import type { MakeOriginGate } from './coordinator';
import type { LocalCoordinator } from './memory';
import { originGate } from '../rules/rate-limit/origin-gate';
import type { SharedMessage } from './redis-messages';
import type { OriginGate } from '../rules/rate-limit/origin-gate';

type HoldMessage = Extract<SharedMessage, { kind: 'hold' }>;

/**
 * Origin holds shared between processes. A hold placed here is applied to the local gate and
 * published; a hold published elsewhere is applied to the local gate (the mirror). Requests read
 * only the local gates, so the happy path never waits on Redis. The wait travels as a duration,
 * not a wall-clock deadline, so the hosts' clocks need not agree; the publish latency only makes
 * the other processes hold a little longer. What arrives is checked and clamped as any received
 * hold is (`LocalCoordinator.mirror`): anyone who can publish on the channel can send it.
 */
export function sharedHolds(local: LocalCoordinator, self: string, publish: (message: HoldMessage) => void) {
  return {
    /** The local gate of `origin`, whose holds are also published. */
    gate(origin: string, create: MakeOriginGate): OriginGate {
      const gate = local.gate(origin, create);
      // Only `hold` differs; everything else is the local gate's own, arguments and all (a
      // hand-forwarded `enter` once dropped the request's time limit).
      return {
        ...gate,
        hold(waitMs, paced) {
          gate.hold(waitMs, paced);
          publish({ kind: 'hold', from: self, origin, waitMs, paced: paced === true });
        },
      };
    },
    /** A hold another process published (JSON off the channel: its fields are only what they claim). */
    receive(message: HoldMessage): void {
      if (message.from === self) return;
      local.mirror(message.origin, message.waitMs, message.paced === true, originGate);
    },
  };
}
