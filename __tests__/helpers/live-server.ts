import { startServer } from './server';
import type { Handler, TestServer } from './server';

export interface LiveServer {
  /** The running server (set in beforeAll). */
  readonly server: TestServer;
  /** What the server answers; swap it per test. */
  handler: Handler;
}

/** One loopback server for a test file: started before all, closed after, `seen` cleared per test. */
export function useLiveServer(): LiveServer {
  let server: TestServer | undefined;
  const live: LiveServer = {
    get server() {
      if (!server) throw new Error('server not started yet');
      return server;
    },
    handler: (_req, res) => res.end(),
  };
  beforeAll(async () => {
    server = await startServer((req, res, raw) => live.handler(req, res, raw));
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    if (server) server.seen.length = 0;
  });
  return live;
}
