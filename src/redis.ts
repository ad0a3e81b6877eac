// `axios-status-policy/redis`: share the refresh, origin holds and the validator cache between
// processes through the caller's own Redis client. The client library is never imported: the
// caller passes an instance (ioredis, or node-redis v4+).
export { redisCoordinator } from './coordinator/redis';
export type { RedisCoordinator } from './coordinator/redis';
export type { RedisCoordinatorOptions } from './coordinator/redis-options';
export type { IoRedisLike, NodeRedisLike, RedisClient } from './coordinator/redis-client';
export type { OnSharedToken } from './coordinator/redis-refresh';
