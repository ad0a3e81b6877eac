import type { AxiosAdapter } from 'axios';
import { ErrorCodes } from '../../../src/error-codes';
import { RedirectHop } from '../../../src/rules/redirects/redirect-hop';
import { redirectsRule } from '../../../src/rules/redirects/rule';
import type { RedirectHop as ChainEntry } from '../../../src/types';
import { A, PlainState, answer, contextFor, decided, hop, optionsOf } from '../rule-context';

/** An adapter of the caller's own (not xhr, not fetch): it hands every 3xx over, so the rule follows. */
const adapter: AxiosAdapter = () => Promise.reject(new Error('never called'));

/** The caller's hop after `beforeSend` ran for it, as it does before every first send. */
function sentWith(method = 'GET', url = `${A}/from`, init: Parameters<typeof hop>[2] = {}) {
  const state = new PlainState();
  const sent = hop(method, url, { ...init, config: { adapter, ...init.config } });
  redirectsRule.beforeSend!(contextFor(sent, { state }));
  return { sent, state };
}

describe('redirects: what decide returns', () => {
  it('a 200: next; a 304: next (an answer, not a hop)', async () => {
    const { sent, state } = sentWith();
    expect(await decided(redirectsRule, answer(sent, 200), contextFor(sent, { state }))).toEqual({ type: 'next' });
    expect(await decided(redirectsRule, answer(sent, 304, { location: '/x' }), contextFor(sent, { state }))).toEqual({ type: 'next' });
  });

  it('a 302 after a POST: follow a GET without the body, and the 3xx joins the chain', async () => {
    const { sent, state } = sentWith('POST', `${A}/form`, { body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    const ctx = contextFor(sent, { state });
    const d = await decided(redirectsRule, answer(sent, 302, { location: '/done' }), ctx);
    if (d.type !== 'follow') throw new Error(`expected follow, got ${d.type}`);
    expect(d.next).toBeInstanceOf(RedirectHop);
    expect([d.next.method, d.next.url, d.next.body, d.next.redirected]).toEqual(['GET', `${A}/done`, undefined, true]);
    expect(d.next.config.headers.has('content-type')).toBe(false);
    expect(d.redirect).toEqual({ method: 'POST', url: `${A}/form`, status: 302 });
    expect(ctx.events).toEqual([expect.objectContaining({ type: 'redirect', status: 302, method: 'GET', from: `${A}/form`, to: `${A}/done` })]);
  });

  it('a 307 to another origin: the credentials stay home', async () => {
    const { sent, state } = sentWith('GET', `${A}/from`, { headers: { Authorization: 'Bearer secret', Cookie: 'sid=1', Accept: 'application/json' } });
    const d = await decided(redirectsRule, answer(sent, 307, { location: 'https://elsewhere.test/to' }), contextFor(sent, { state }));
    if (d.type !== 'follow') throw new Error(`expected follow, got ${d.type}`);
    expect(d.next.credentialsDropped).toBe(true);
    expect(d.next.config.headers.has('authorization')).toBe(false);
    expect(d.next.config.headers.has('cookie')).toBe(false);
    expect(d.next.config.headers.get('accept')).toBe('application/json');
  });

  it('past maxRedirects: reject TOO_MANY_REDIRECTS, the chain with this 3xx in it', async () => {
    const { sent, state } = sentWith();
    const chain: ChainEntry[] = Array.from({ length: 5 }, (_, i) => ({ method: 'GET', url: `${A}/hop${i}`, status: 302 }));
    const options = optionsOf({ redirects: { maxRedirects: 5 } });
    const d = await decided(redirectsRule, answer(sent, 302, { location: '/next' }), contextFor(sent, { state, options, chain }));
    expect(d.type).toBe('reject');
    const error = (d as { error: { code?: string; redirectChain?: unknown[] } }).error;
    expect(error.code).toBe(ErrorCodes.TOO_MANY_REDIRECTS);
    expect(error.redirectChain).toHaveLength(6);
    expect(d.redirect).toEqual({ method: 'GET', url: `${A}/from`, status: 302 });
  });

  it('a Location back to a URL already in the chain: reject REDIRECT_LOOP', async () => {
    const { sent, state } = sentWith('GET', `${A}/b`);
    const chain: ChainEntry[] = [{ method: 'GET', url: `${A}/a`, status: 302 }];
    const d = await decided(redirectsRule, answer(sent, 302, { location: '/a' }), contextFor(sent, { state, chain }));
    expect((d as { error: { code?: string } }).error.code).toBe(ErrorCodes.REDIRECT_LOOP);
  });

  it('onRedirect returning false: next, and nothing joins the chain', async () => {
    const { sent, state } = sentWith();
    const options = optionsOf({ redirects: { onRedirect: () => false } });
    expect(await decided(redirectsRule, answer(sent, 301, { location: '/x' }), contextFor(sent, { state, options }))).toEqual({ type: 'next' });
  });

  it('a 3xx without Location repeats a GET, not a POST', async () => {
    const get = sentWith('GET');
    const d = await decided(redirectsRule, answer(get.sent, 301), contextFor(get.sent, { state: get.state }));
    expect(d).toMatchObject({ type: 'follow', next: { method: 'GET', url: `${A}/from` } });
    const post = sentWith('POST', `${A}/from`, { body: 'x' });
    expect(await decided(redirectsRule, answer(post.sent, 301), contextFor(post.sent, { state: post.state }))).toEqual({ type: 'next' });
  });

  it('the caller’s maxRedirects is put back when the run settles', () => {
    const { sent, state } = sentWith('GET', `${A}/from`, { config: { maxRedirects: 3 } });
    expect(sent.config.maxRedirects).toBe(0);
    state.settled(sent.config);
    expect(sent.config.maxRedirects).toBe(3);
  });
});
