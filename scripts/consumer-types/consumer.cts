// The same as consumer.mts for a CommonJS consumer (resolves dist/index.d.cts).
import axios = require('axios');
import lib = require('axios-status-policy');

const api = axios.create();
lib.attachStatusPolicy(api, { rateLimit: { maxRetries: 1 } });
void api.get('/x', { statusPolicy: { rateLimit: false } });
// @ts-expect-error unknown keys are rejected
void api.get('/x', { statusPolicy: { rateLimt: false } });
