// The browser / React Native build swaps each platform.ts of src/ for the platform.browser.ts beside
// it (rollup.config.mjs `browserPlatform`, scripts/size-measure.mjs, the browser harness). These
// tests hold every pair to the same exports and run the retry rule and the body release with the
// browser files: what XHR and fetch produce there is still retried and released.
import fs from 'node:fs';
import path from 'node:path';
import type * as RetryNode from '../../src/network/platform';
import * as RetryBrowser from '../../src/network/platform.browser';
import type * as RunNode from '../../src/run/platform';
import * as RunBrowser from '../../src/run/platform.browser';
import type * as RedirectsNode from '../../src/rules/redirects/platform';
import * as RedirectsBrowser from '../../src/rules/redirects/platform.browser';
import { releaseBody } from '../../src/run/release-body';
import { rig, settle, useFakeClock } from '../helpers/mock';

jest.mock('../../src/network/platform', () => jest.requireActual('../../src/network/platform.browser'));
jest.mock('../../src/run/platform', () => jest.requireActual('../../src/run/platform.browser'));

useFakeClock();

// Each browser file can stand in for its Node file: same names, same signatures (a compile error otherwise).
const retryStandIn: typeof RetryNode = RetryBrowser;
const runStandIn: typeof RunNode = RunBrowser;
const redirectsStandIn: typeof RedirectsNode = RedirectsBrowser;

const src = path.resolve(__dirname, '../../src');
const platformFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? platformFiles(path.join(dir, e.name)) : e.name === 'platform.ts' ? [path.join(dir, e.name)] : []));

it('every platform.ts of src/ has a platform.browser.ts beside it with the same exports', () => {
  const files = platformFiles(src).map((f) => path.relative(src, f)).sort();
  expect(files).toEqual(['network/platform.ts', 'rules/redirects/platform.ts', 'run/platform.ts']);
  for (const file of files) {
    const node: object = jest.requireActual(path.join(src, file));
    const browser: object = jest.requireActual(path.join(src, file.replace(/\.ts$/, '.browser.ts')));
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
  }
  expect([retryStandIn, runStandIn, redirectsStandIn].every(Boolean)).toBe(true);
});

describe('browser build: the failures XHR and fetch report are retried', () => {
  it('a lost network (ERR_NETWORK), a timeout (ECONNABORTED, or ETIMEDOUT with clarifyTimeoutError)', async () => {
    const { api, mock } = rig();
    mock.onGet('/x').networkErrorOnce().onGet('/x').timeoutOnce().onGet('/x').reply(200, 'ok');
    const { value } = await settle(api.get('/x'));
    expect(value?.data).toBe('ok');
    expect(mock.history.get).toHaveLength(3);

    const clarified = rig();
    clarified.mock.onGet('/x').timeoutOnce().onGet('/x').reply(200, 'ok');
    const again = await settle(clarified.api.get('/x', { transitional: { clarifyTimeoutError: true } }));
    expect(again.value?.data).toBe('ok');
    expect(clarified.mock.history.get).toHaveLength(2);
  });
});

it('browser build: a discarded fetch stream body is cancelled', async () => {
  const cancel = jest.fn(() => Promise.resolve());
  releaseBody({ data: { cancel }, status: 500, statusText: '', headers: {}, config: { headers: {} } as never });
  expect(cancel).toHaveBeenCalledTimes(1);
});
