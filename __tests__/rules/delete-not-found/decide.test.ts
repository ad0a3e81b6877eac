import { deleteNotFoundRule } from '../../../src/rules/delete-not-found/rule';
import { answer, contextFor, decided, hop } from '../rule-context';

describe('deleteNotFound: what decide returns', () => {
  it('a DELETE answered 404 resolves, marked alreadyDeleted', async () => {
    const sent = hop('DELETE');
    const gone = answer(sent, 404);
    expect(await decided(deleteNotFoundRule, gone, contextFor(sent))).toEqual({ type: 'resolve', response: gone.response, info: { alreadyDeleted: true } });
  });

  it('a GET answered 404, a DELETE answered 410 or 200: not its to judge', async () => {
    const get = hop('GET');
    expect(await decided(deleteNotFoundRule, answer(get, 404), contextFor(get))).toEqual({ type: 'next' });
    const del = hop('DELETE');
    expect(await decided(deleteNotFoundRule, answer(del, 410), contextFor(del))).toEqual({ type: 'next' });
    expect(await decided(deleteNotFoundRule, answer(del, 200), contextFor(del))).toEqual({ type: 'next' });
  });

  it('only the DELETE itself counts: the GET a redirect made of it is not', async () => {
    const redirected = hop('GET', 'https://api.test/moved', { redirected: true });
    expect(await decided(deleteNotFoundRule, answer(redirected, 404), contextFor(redirected))).toEqual({ type: 'next' });
  });
});
