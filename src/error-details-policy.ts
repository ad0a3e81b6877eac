import { describeResponse } from './error-details';
import type { Policy } from './rules/policy';

/**
 * Error messages that name the status phrase and the server's message
 * (`GET https://api.example.com/x failed with 503 Service Unavailable after 4 attempts: <message>`),
 * and `statusPolicy.serverCode`/`serverMessage`. Without it a composed instance's errors still carry
 * `statusPolicy` and the redacted request line (`GET https://api.example.com/x failed with 503 after
 * 4 attempts`). `attachStatusPolicy` always has it.
 */
export const errorDetails = (): Policy => ({
  name: 'errorDetails',
  spec: undefined,
  rules: [],
  options: undefined,
  extensions: { describeError: describeResponse },
});
