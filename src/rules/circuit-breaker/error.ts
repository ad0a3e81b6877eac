import type { AxiosError, InternalAxiosRequestConfig } from 'axios';
import { StatusPolicyError, describeRequest, isStatusPolicyError } from '../../errors';
import type { StatusPolicyErrorInfo } from '../../types';

/** `ErrorCodes.CIRCUIT_OPEN`, on its own so this rule's bundle carries no other code. */
export const CIRCUIT_OPEN = 'ERR_STATUS_POLICY_CIRCUIT_OPEN';

/**
 * A request refused without being sent. Nothing went out, so there is no response and no failed
 * connection to categorise it by; the circuit is open because the origin fails: `'server'`.
 */
class CircuitOpenError extends StatusPolicyError {
  override readonly category: StatusPolicyErrorInfo['category'] = 'server';
  constructor(
    message: string,
    config: InternalAxiosRequestConfig,
    /** How long the circuit stays open: the rule's decision notes it as `statusPolicy.retryAfterMs`. */
    readonly openForMs: number,
  ) {
    super(message, CIRCUIT_OPEN, config);
  }
}

/**
 * A request refused without being sent: its origin's circuit is open (or half-open with its probe
 * out). An `AxiosError` like every rejection; `statusPolicy.retryAfterMs` says how long it stays so.
 */
export function circuitOpenError(config: InternalAxiosRequestConfig, origin: string, retryAfterMs: number): CircuitOpenError {
  const what = `${describeRequest(config)} refused: the circuit of ${origin || 'this origin'} is open (next try in ${retryAfterMs} ms)`;
  return new CircuitOpenError(what, config, retryAfterMs);
}

/**
 * True for the error above, once the policy has settled it: like `isStatusPolicyError`, it narrows
 * to an error whose `statusPolicy` is there (`e.statusPolicy.retryAfterMs`, no `?.`). Read by code,
 * so an error from another copy of the package counts too.
 */
export const isCircuitOpen = (error: unknown): error is AxiosError & { statusPolicy: StatusPolicyErrorInfo } =>
  isStatusPolicyError(error) && error.code === CIRCUIT_OPEN;

/** This rule's own refusal, as it made it (before or after the run enriched it). */
export const isRefusal = (error: unknown): error is CircuitOpenError => error instanceof CircuitOpenError;
