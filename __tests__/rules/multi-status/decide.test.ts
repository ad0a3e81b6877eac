import { MultiStatusError } from '../../../src/rules/multi-status/error';
import { multiStatusRule } from '../../../src/rules/multi-status/rule';
import { batchBody } from '../../helpers/batch';
import { contextFor, decided, hop, response } from '../rule-context';

const TYPE = { 'content-type': 'multipart/mixed; boundary=b1' };

describe('multiStatus: what decide returns', () => {
  it('a 207 multipart batch resolves with its parts, the manifest learned', async () => {
    const sent = hop('PUT');
    const body = batchBody('b1', [
      { status: 200, body: { id: 1 } },
      { status: 404, body: { message: 'gone' } },
    ]);
    const d = await decided(multiStatusRule, { response: response(sent, 207, TYPE, body), error: undefined }, contextFor(sent));
    if (d.type !== 'resolve') throw new Error(`expected resolve, got ${d.type}`);
    expect((d.response.data as Array<{ status: number }>).map((p) => p.status)).toEqual([200, 404]);
    expect(d.info).toEqual({ manifest: { response: [{ status: 200 }, { status: 404 }] } });
  });

  it('a 207 that is not a batch, a 200: not its to judge', async () => {
    const sent = hop();
    expect(await decided(multiStatusRule, { response: response(sent, 207, { 'content-type': 'application/json' }, '{}'), error: undefined }, contextFor(sent))).toEqual({ type: 'next' });
    expect(await decided(multiStatusRule, { response: response(sent, 200, TYPE, ''), error: undefined }, contextFor(sent))).toEqual({ type: 'next' });
  });

  it('a malformed batch rejects with a MultiStatusError on the caller’s config', async () => {
    const sent = hop();
    const broken = '--b1\r\nContent-Type: application/json\r\n\r\n{"response":[{"status":200}]}\r\n';
    const d = await decided(multiStatusRule, { response: response(sent, 207, TYPE, broken), error: undefined }, contextFor(sent));
    expect(d.type).toBe('reject');
    const error = (d as { error: MultiStatusError }).error;
    expect(error).toBeInstanceOf(MultiStatusError);
    expect(error.config).toBe(sent.config);
  });
});
