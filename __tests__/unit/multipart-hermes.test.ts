import { fixture } from '../helpers/fixtures';

// React Native (Hermes) may have neither Buffer nor TextDecoder. Load the parser with both
// removed from the global scope: the string path must not need them, the bytes path must fall
// back to the built-in decoder.
type Batch = typeof import('../../src/http/batch');

function withoutHostGlobals<T>(fn: (lib: Batch) => T): T {
  const g = globalThis as Record<string, unknown>;
  const saved = { Buffer: g.Buffer, TextDecoder: g.TextDecoder };
  delete g.Buffer;
  delete g.TextDecoder;
  try {
    let out: T | undefined;
    jest.isolateModules(() => {
      out = fn(require('../../src/http/batch') as Batch);
    });
    return out as T;
  } finally {
    Object.assign(g, saved);
  }
}

const ALL = ['01', '02', '03', '04', '06', '07', '08', '09', '10', '11', '12'];

it('parses every fixture as a string and as bytes with no Buffer and no TextDecoder', () => {
  const inputs = ALL.map((nn) => ({ nn, ...fixture(nn), bytes: new Uint8Array(fixture(nn).bytes) }));
  const bare = withoutHostGlobals((lib) =>
    inputs.map((f) => [lib.parseBatchResponse(f.text, f.contentType), lib.parseBatchResponse(f.bytes, f.contentType)]),
  );
  jest.isolateModules(() => {
    const lib = require('../../src/http/batch') as Batch;
    inputs.forEach((f, i) => {
      const withHost = lib.parseBatchResponse(f.text, f.contentType);
      expect(bare[i]?.[0]).toEqual(withHost);
      expect(bare[i]?.[1]).toEqual(withHost);
    });
  });
});
