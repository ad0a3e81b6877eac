import { startServer } from './server';
import type { Handler, TestServer } from './server';

export interface TwoOrigins {
  /** Two loopback servers on two ports: two origins (set in beforeAll). */
  readonly a: TestServer;
  readonly b: TestServer;
}

/**
 * Two real servers on 127.0.0.1 for a test file: started before all, closed after all, what they
 * saw cleared before each test. `handlerFor` gives each its handler (it may read `servers.a/b`).
 */
export function useTwoOrigins(handlerFor: (which: 'a' | 'b') => Handler): TwoOrigins {
  let a: TestServer | undefined;
  let b: TestServer | undefined;
  const servers: TwoOrigins = {
    get a() {
      if (!a) throw new Error('servers not started yet');
      return a;
    },
    get b() {
      if (!b) throw new Error('servers not started yet');
      return b;
    },
  };
  beforeAll(async () => {
    a = await startServer(handlerFor('a'));
    b = await startServer(handlerFor('b'));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });
  beforeEach(() => {
    a?.seen.splice(0);
    b?.seen.splice(0);
  });
  return servers;
}
