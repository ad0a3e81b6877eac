// Type test against the BUILT package (dist/*.d.ts) as an ESM consumer resolves it by name, under
// node16 and bundler resolution (scripts/check-consumer-types.sh, in npm run lint:package). Proves the augmentation ships in the d.ts.
import axios from 'axios';
import { attachStatusPolicy } from 'axios-status-policy';

const api = axios.create();
attachStatusPolicy(api, { retry: { maxRetries: 2 } });
void api.get('/x', { statusPolicy: { retry: false } });
void api.get('/x', { statusPolicy: false });
// @ts-expect-error unknown keys are rejected
void api.get('/x', { statusPolicy: { retries: 3 } });
