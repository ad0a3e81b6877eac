import { AxiosHeaders } from 'axios';
import { authRule } from '../../../src/rules/auth/rule';
import { AuthErrorCodes } from '../../../src/rules/auth/errors';
import { PlainState, answer, contextFor, decided, hop, optionsOf } from '../rule-context';

describe('auth: what decide returns', () => {
  it('a 200, a 403: not its to judge', async () => {
    const sent = hop();
    const options = optionsOf({ auth: { refresh: () => 'new' } });
    expect(await decided(authRule, answer(sent, 200), contextFor(sent, { options }))).toEqual({ type: 'next' });
    expect(await decided(authRule, answer(sent, 403), contextFor(sent, { options }))).toEqual({ type: 'next' });
  });

  it('a 401: one refresh, then retry at once; the repeat gets the new token in beforeSend', async () => {
    const refresh = jest.fn(() => 'fresh-token');
    const options = optionsOf({ auth: { refresh } });
    const state = new PlainState();
    const sent = hop('GET');
    expect(authRule.beforeSend!(contextFor(sent, { options, state }))).toBeUndefined();
    const d = await decided(authRule, answer(sent, 401), contextFor(sent, { options, state }));
    expect(d).toMatchObject({ type: 'retry', delayMs: 0 });
    expect(refresh).toHaveBeenCalledTimes(1);
    const repeat = hop('GET');
    authRule.beforeSend!(contextFor(repeat, { options, state, attempts: 2, retries: { auth: 1 } }));
    expect(repeat.config.headers.get('Authorization')).toBe('Bearer fresh-token');
  });

  it('a 401 from a hop our credentials did not reach: not about our token', async () => {
    const refresh = jest.fn(() => 'fresh-token');
    const sent = hop('GET', 'https://other.test/x', { redirected: true, credentialsDropped: true });
    const d = await decided(authRule, answer(sent, 401), contextFor(sent, { options: optionsOf({ auth: { refresh } }) }));
    expect(d).toEqual({ type: 'next' });
    expect(refresh).not.toHaveBeenCalled();
  });

  it('a 401 again after the repeat: reject, STILL_UNAUTHORIZED', async () => {
    const sent = hop();
    const ctx = contextFor(sent, { options: optionsOf({ auth: { refresh: () => 'x' } }), attempts: 2, retries: { auth: 1 } });
    const d = await decided(authRule, answer(sent, 401), ctx);
    expect(d.type).toBe('reject');
    expect((d as { error: { code?: string } }).error.code).toBe(AuthErrorCodes.STILL_UNAUTHORIZED);
  });

  it('a refresh that throws: reject, REFRESH_FAILED, with what it threw as the cause', async () => {
    const thrown = new Error('refresh token expired');
    const sent = hop();
    const d = await decided(authRule, answer(sent, 401), contextFor(sent, { options: optionsOf({ auth: { refresh: () => Promise.reject(thrown) } }) }));
    expect(d.type).toBe('reject');
    expect((d as { error: { code?: string; cause?: unknown } }).error).toMatchObject({ code: AuthErrorCodes.REFRESH_FAILED, cause: thrown });
  });

  it('the refresh’s own token request (sent while refresh runs synchronously) is left alone', async () => {
    const state = new PlainState();
    const tokenRequest = hop('POST', 'https://auth.test/token');
    const options = optionsOf({
      auth: {
        refresh: () => {
          // What a token request sent from inside refresh meets: its beforeSend runs now.
          authRule.beforeSend!(contextFor(tokenRequest, { options, state }));
          return 'new';
        },
      },
    });
    const sent = hop();
    await decided(authRule, answer(sent, 401), contextFor(sent, { options, state: new PlainState() }));
    expect(await decided(authRule, answer(tokenRequest, 401), contextFor(tokenRequest, { options, state }))).toEqual({ type: 'next' });
    expect(tokenRequest.config.headers).toEqual(new AxiosHeaders());
  });
});
