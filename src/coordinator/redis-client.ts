import { StatusPolicyConfigError } from '../config-error';

/** Arguments of one Redis command after its name. */
export type RedisArgs = ReadonlyArray<string | number>;

/**
 * An event listener as both libraries declare it (`(...args: any[]) => void`). `unknown[]`, not
 * `never[]`: a client's `on` must accept our listener, and `any` is not assignable to `never`, so
 * `never[]` rejected every node-redis client (TS2345 on redis 4.7, 5 and 6).
 */
export type RedisListener = (...args: unknown[]) => void;

/** What we use of an ioredis client (`new Redis(…)`, v5 and v6), typed loosely so any instance fits. */
export interface IoRedisLike {
  call(command: string, ...args: Array<string | number>): Promise<unknown>;
  duplicate(): IoRedisLike;
  subscribe(...channels: string[]): Promise<unknown>;
  on(event: 'message', listener: (channel: string, message: string) => void): unknown;
  on(event: string, listener: RedisListener): unknown;
  disconnect(): void;
}

/** What we use of a node-redis v4+ client (`createClient(…)`, connected). */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
  duplicate(): NodeRedisLike;
  connect(): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  on(event: string, listener: RedisListener): unknown;
  disconnect?(): Promise<unknown>;
  destroy?(): void;
}

/** The user's own Redis client: an ioredis or a node-redis (v4+) instance. */
export type RedisClient = IoRedisLike | NodeRedisLike;

/** A client reduced to the three things the coordinator needs, whichever library it comes from. */
export interface RedisConnection {
  /** Sends one command; resolves to its reply. */
  send(command: string, args: RedisArgs): Promise<unknown>;
  /** `listener` runs each time the client (re)connects and is ready for commands. */
  onReady(listener: () => void): void;
  /**
   * Opens a second connection (a subscribed one can send nothing else) on `channel`. Returns its
   * closer. `state` reports the subscription's connection going down and coming back.
   */
  subscribe(channel: string, onMessage: (message: string) => void, state: (up: boolean) => void): () => void;
}

const ignore = (): undefined => undefined;
const strings = (args: RedisArgs): string[] => args.map(String);

// Both libraries reconnect by themselves (and subscribe again): we only listen. An `error`
// listener on our own connection keeps an unreachable server from crashing the process
// (node-redis) or logging "unhandled error event" (ioredis).
function watch(connection: { on(event: string, listener: RedisListener): unknown }, state: (up: boolean) => void): void {
  connection.on('error', ignore);
  connection.on('ready', () => state(true));
  connection.on('end', () => state(false));
  connection.on('close', () => state(false));
}

function fromIoRedis(client: IoRedisLike): RedisConnection {
  return {
    send: (command, args) => client.call(command, ...args),
    onReady: (listener) => void client.on('ready', listener),
    subscribe(channel, onMessage, state) {
      const sub = client.duplicate();
      watch(sub, state);
      sub.on('message', (from: string, message: string) => {
        if (from === channel) onMessage(message);
      });
      sub.subscribe(channel).catch(ignore);
      return () => sub.disconnect();
    },
  };
}

function fromNodeRedis(client: NodeRedisLike): RedisConnection {
  return {
    send: (command, args) => client.sendCommand([command, ...strings(args)]),
    onReady: (listener) => void client.on('ready', listener),
    subscribe(channel, onMessage, state) {
      const sub = client.duplicate();
      watch(sub, state);
      sub
        .connect()
        .then(() => sub.subscribe(channel, (message) => onMessage(message)))
        .catch(ignore);
      return () => {
        if (sub.destroy) sub.destroy();
        else if (sub.disconnect) sub.disconnect().catch(ignore);
      };
    },
  };
}

/**
 * The adapter for the client we were given, told apart by its methods: ioredis has `call`,
 * node-redis has `sendCommand(string[])` and `connect`. Anything else is a clear typed error.
 */
export function redisConnection(client: unknown): RedisConnection {
  const has = (name: string): boolean => typeof (client as Record<string, unknown> | null)?.[name] === 'function';
  if (has('call') && has('duplicate') && has('subscribe')) return fromIoRedis(client as IoRedisLike);
  if (has('sendCommand') && has('connect') && has('duplicate')) return fromNodeRedis(client as NodeRedisLike);
  throw new StatusPolicyConfigError('redisCoordinator(client) needs an ioredis or node-redis (v4+) client instance');
}
