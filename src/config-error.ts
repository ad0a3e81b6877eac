/** A malformed or unknown option. Thrown by `attachStatusPolicy`; a request with one rejects with it. */
export class StatusPolicyConfigError extends TypeError {
  override readonly name = 'StatusPolicyConfigError';
  constructor(message: string) {
    super(`axios-status-policy: ${message}`);
  }
}
