import { notModifiedRule } from '../../../src/rules/not-modified/rule';
import { PlainState, answer, contextFor, decided, hop, optionsOf, response } from '../rule-context';

describe('notModified: what decide returns', () => {
  it('a 304 without the cache resolves as it is; a 200 and a 404 are not its to judge', async () => {
    const sent = hop();
    const notModified = answer(sent, 304);
    expect(await decided(notModifiedRule, notModified, contextFor(sent))).toEqual({ type: 'resolve', response: notModified.response });
    expect(await decided(notModifiedRule, answer(sent, 200), contextFor(sent))).toEqual({ type: 'next' });
    expect(await decided(notModifiedRule, answer(sent, 404), contextFor(sent))).toEqual({ type: 'next' });
  });

  it('with the cache: a 200 with an ETag is remembered, the next GET revalidates, its 304 resolves with the body', async () => {
    const options = optionsOf({ notModified: { cache: true } });
    // The first GET: nothing stored, no validator added; its 200 is remembered.
    const firstState = new PlainState();
    const first = hop('GET', undefined, { headers: { Accept: 'application/json' } });
    notModifiedRule.beforeSend!(contextFor(first, { options, state: firstState }));
    expect(first.config.headers.has('if-none-match')).toBe(false);
    const ok = { response: response(first, 200, { etag: '"v1"', 'content-type': 'application/json' }, { id: 1 }), error: undefined };
    expect(await decided(notModifiedRule, ok, contextFor(first, { options, state: firstState }))).toEqual({ type: 'next' });
    // The second GET carries the validator; its 304 is answered from the entry.
    const state = new PlainState();
    const second = hop('GET', undefined, { headers: { Accept: 'application/json' } });
    notModifiedRule.beforeSend!(contextFor(second, { options, state }));
    expect(second.config.headers.get('if-none-match')).toBe('"v1"');
    const d = await decided(notModifiedRule, answer(second, 304, { etag: '"v1"' }), contextFor(second, { options, state }));
    expect(d).toMatchObject({ type: 'resolve', response: { status: 200, data: { id: 1 } }, info: { fromCache: true } });
  });

  it('a 304 for the caller’s own validators is theirs: resolved as it is', async () => {
    const options = optionsOf({ notModified: { cache: true } });
    const state = new PlainState();
    const sent = hop('GET', undefined, { headers: { 'If-None-Match': '"mine"' } });
    notModifiedRule.beforeSend!(contextFor(sent, { options, state }));
    const notModified = answer(sent, 304);
    expect(await decided(notModifiedRule, notModified, contextFor(sent, { options, state }))).toEqual({ type: 'resolve', response: notModified.response });
  });
});
