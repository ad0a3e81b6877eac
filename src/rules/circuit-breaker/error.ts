import type { InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyError, describeRequest } from '../../errors';

/** `ErrorCodes.CIRCUIT_OPEN`, on its own so this rule's bundle carries no other code. */
export const CIRCUIT_OPEN = 'ERR_STATUS_POLICY_CIRCUIT_OPEN';

/**
 * A request refused without being sent: its origin's circuit is open (or half-open with its probe
 * out). An `AxiosError` like every rejection; `statusPolicy.retryAfterMs` says how long it stays so.
 */
export function circuitOpenError(config: InternalAxiosRequestConfig, origin: string, retryAfterMs: number): StatusPolicyError {
  const what = `${describeRequest(config)} refused: the circuit of ${origin || 'this origin'} is open (next try in ${retryAfterMs} ms)`;
  return new StatusPolicyError(what, CIRCUIT_OPEN, config);
}

/** True for the error above. */
export const isCircuitOpen = (error: unknown): error is StatusPolicyError => error instanceof StatusPolicyError && error.code === CIRCUIT_OPEN;
