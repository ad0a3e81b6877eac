// The browser / React Native build (dist/browser.*) swaps src/rules/redirects/platform.ts for
// platform.browser.ts (rollup.config.mjs). These tests run the policy with that swap: no
// adapter is ever wrapped, so a Location is left to the platform, while the Location-less repeat
// and the hop bound still hold.
import axios from 'axios';
import { ErrorCodes, isRedirectError } from '../../src';
import { rig } from '../helpers/mock';

jest.mock('../../src/rules/redirects/platform', () => jest.requireActual('../../src/rules/redirects/platform.browser'));

const failure = (p: Promise<unknown>): Promise<unknown> => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e);

describe('browser build: the platform follows redirects', () => {
  it('never wraps the adapter: a 3xx with Location settles as axios would, one request sent', async () => {
    const { api, mock } = rig();
    mock.onGet('/a').reply(302, undefined, { location: '/b' });
    mock.onGet('http://api.test/b').reply(200);
    const error = await failure(api.get('/a'));
    expect(axios.isAxiosError(error) && error.response?.status).toBe(302);
    expect(mock.history.get.map((c) => c.url)).toEqual(['/a']);
  });

  it('still repeats a 3xx without Location, bounded by maxRedirects', async () => {
    const { api, mock } = rig();
    mock.onPost('/a').replyOnce(307).onPost(/\/a$/).replyOnce(200, 'ok');
    const res = await api.post('/a', { x: 1 }, { headers: { 'Idempotency-Key': 'k' } });
    expect(res.data).toBe('ok');
    expect(mock.history.post.map((c) => c.data)).toEqual(['{"x":1}', '{"x":1}']);
    expect(res.statusPolicy?.redirectChain).toEqual([{ method: 'POST', url: 'http://api.test/a', status: 307 }]);

    const always = rig({ redirects: { maxRedirects: 2 } });
    always.mock.onGet(/\/loop$/).reply(302);
    const error = await failure(always.api.get('/loop'));
    expect(isRedirectError(error) && error.code).toBe(ErrorCodes.TOO_MANY_REDIRECTS);
    expect(always.mock.history.get).toHaveLength(3);
  });

});
