// Type test, checked by `npm run typecheck` (tsc over __tests__), never run: each line either
// compiles or is marked @ts-expect-error, which itself fails when the line stops being an error.
// It proves users need no casts for `statusPolicy`, and that typos are caught at compile time.
import axios from 'axios';
import type { AxiosError, AxiosRequestConfig, AxiosResponse } from 'axios';
import { attachStatusPolicy } from '../../src';
import type { StatusPolicyErrorInfo, StatusPolicyHandle, StatusPolicyInfo } from '../../src';

const api = axios.create();
const handle: StatusPolicyHandle = attachStatusPolicy(api, { retry: { maxRetries: 2 }, rateLimit: false });
handle.detach();

// Accepted on every request method and on a config object, no casts.
void api.get('/x', { statusPolicy: false });
void api.get('/x', { statusPolicy: { retry: false } });
void api.post('/x', { a: 1 }, { statusPolicy: { rateLimit: { maxRetries: 1, clampRetryAfter: true } } });
void api.request({ url: '/x', statusPolicy: { totalTimeoutMs: 5000, deleteNotFound: false } });
const config: AxiosRequestConfig = { statusPolicy: { auth: false, multiStatus: false } };
void axios.get('/x', config);

// Unknown keys and wrong types are rejected.
// @ts-expect-error unknown per-request block
void api.get('/x', { statusPolicy: { retries: 3 } });
// @ts-expect-error unknown key inside a block
void api.get('/x', { statusPolicy: { retry: { maxRetry: 3 } } });
// @ts-expect-error statusPolicy is false or an object, never true
void api.get('/x', { statusPolicy: true });
// @ts-expect-error auth can only be turned off per request, not configured
void api.get('/x', { statusPolicy: { auth: { refresh: () => 'token' } } });
// @ts-expect-error unknown option at attach time
attachStatusPolicy(api, { retrys: {} });

// What the policy did is typed on responses and errors.
declare const res: AxiosResponse;
const info: StatusPolicyInfo | undefined = res.statusPolicy;
declare const err: AxiosError;
const errInfo: StatusPolicyErrorInfo | undefined = err.statusPolicy;
void info;
void errInfo;
