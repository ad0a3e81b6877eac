import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { bundle } from './traced-process';

/**
 * instrumentation-http patches `http` when it is required after the instrumentation is registered;
 * a tracing set-up file imports `otelHttpHooks` from `axios-status-policy/otel` before it registers
 * the instrumentation. Found in review: the entry loaded axios (through the config error's module),
 * axios loaded `http`, and a service using only axios got no client spans at all. Loading the entry
 * must load neither.
 */
jest.setTimeout(60_000);

it('loading axios-status-policy/otel loads neither axios nor http', async () => {
  const entry = await bundle(path.resolve(__dirname, '../../src/otel.ts'));
  try {
    const probe = `
      const before = new Set(process.moduleLoadList);
      const otel = require(${JSON.stringify(entry.file)});
      const loaded = process.moduleLoadList.filter((m) => !before.has(m) && /^NativeModule (http|https|net)$/.test(m));
      const axios = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]axios[\\\\/]/.test(file));
      console.log(JSON.stringify({ exports: Object.keys(otel).sort(), loaded, axios }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ exports: ['otelEvents', 'otelHttpHooks', 'otelResends'], loaded: [], axios: [] });
  } finally {
    entry.remove();
  }
});
