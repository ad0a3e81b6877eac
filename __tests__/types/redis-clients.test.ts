import { emitPackageDeclarations, typecheckAsConsumer } from '../helpers/consumer-typecheck';

/**
 * `redisCoordinator(client, …)` type-checks for each client library the docs say works, as a
 * consumer writes it (strict, nodenext, ESM and CommonJS). Each major is a dev dependency under an
 * npm alias (`redis4` is redis@4.7, `ioredis6` is ioredis@6…), so the import names differ from what
 * a user writes, never the code. node-redis failed before with TS2345 (`listener: (...args: never[])`).
 */
jest.setTimeout(120_000);

const scratch = emitPackageDeclarations();
afterAll(() => scratch.remove());

const nodeRedis = (pkg: string) => `
import { createClient } from '${pkg}';
import { redisCoordinator } from 'axios-status-policy/redis';
import { attachStatusPolicy } from 'axios-status-policy';
import axios from 'axios';

const client = createClient({ url: 'redis://127.0.0.1:6379' });
await client.connect();
const coordinator = redisCoordinator(client, { namespace: 'app' });
attachStatusPolicy(axios.create(), { coordinator });
`;

const ioredis = (pkg: string) => `
import { Redis } from '${pkg}';
import { redisCoordinator } from 'axios-status-policy/redis';
import { attachStatusPolicy } from 'axios-status-policy';
import axios from 'axios';

const coordinator = redisCoordinator(new Redis('redis://127.0.0.1:6379'), { namespace: 'app' });
attachStatusPolicy(axios.create(), { coordinator });
`;

const ioredisCluster = (pkg: string) => `
import { Cluster } from '${pkg}';
import { redisCoordinator } from 'axios-status-policy/redis';
import { attachStatusPolicy } from 'axios-status-policy';
import axios from 'axios';

const coordinator = redisCoordinator(new Cluster([{ host: '127.0.0.1', port: 7000 }]), { namespace: 'app' });
attachStatusPolicy(axios.create(), { coordinator });
`;

const commonJs = (pkg: string, make: string) => `
import redis = require('${pkg}');
import policy = require('axios-status-policy/redis');
const client = ${make};
policy.redisCoordinator(client, { namespace: 'app' });
`;

describe.each([
  ['node-redis 4', 'redis4', nodeRedis, 'redis.createClient()'],
  ['node-redis 5', 'redis5', nodeRedis, 'redis.createClient()'],
  ['node-redis 6', 'redis6', nodeRedis, 'redis.createClient()'],
  ['ioredis 5', 'ioredis', ioredis, 'new redis.Redis()'],
  ['ioredis 6', 'ioredis6', ioredis, 'new redis.Redis()'],
  // Cluster mode is supported (hash-tagged keys: __tests__/redis/cluster.test.ts), so its client must type-check too.
  ['ioredis 5 Cluster', 'ioredis', ioredisCluster, "new redis.Cluster([{ host: '127.0.0.1', port: 7000 }])"],
  ['ioredis 6 Cluster', 'ioredis6', ioredisCluster, "new redis.Cluster([{ host: '127.0.0.1', port: 7000 }])"],
])('%s', (_name, pkg, esm, make) => {
  it('redisCoordinator(client) type-checks (ESM and CommonJS)', () => {
    expect(typecheckAsConsumer(scratch.dir, { [`${pkg}.mts`]: esm(pkg), [`${pkg}.cts`]: commonJs(pkg, make) })).toBe('');
  });
});

it('a client of neither library is a type error', () => {
  const errors = typecheckAsConsumer(scratch.dir, {
    'other.mts': `import { redisCoordinator } from 'axios-status-policy/redis';\nconst other = { get: async () => null };\nredisCoordinator(other, { namespace: 'app' });\n`,
  });
  expect(errors).toMatch(/TS2345/);
});
