import axios from 'axios';
import { isAlreadyDeleted, isStatusPolicyError } from '../../src';
import { rig } from '../helpers/mock';

describe('DELETE → 404', () => {
  it('resolves a DELETE answered 404, marked already deleted, without another request', async () => {
    const { api, mock, events } = rig();
    mock.onDelete('/items/1').reply(404, { code: 'NOT_FOUND', message: 'no such item' });
    const res = await api.delete('/items/1');
    expect(res.status).toBe(404);
    expect(res.data).toEqual({ code: 'NOT_FOUND', message: 'no such item' });
    expect(res.statusPolicy).toEqual({ attempts: 1, delays: [], retryAfterMs: undefined, alreadyDeleted: true });
    expect(isAlreadyDeleted(res)).toBe(true);
    expect(mock.history.delete).toHaveLength(1);
    expect(events).toContainEqual(expect.objectContaining({ type: 'resolve', policy: 'deleteNotFound', status: 404 }));
  });

  it.each(['get', 'post', 'put', 'patch', 'head'] as const)('still rejects a %s answered 404, without retry', async (method) => {
    const { api, mock } = rig();
    mock.onAny('/items/1').reply(404);
    const error: unknown = await api.request({ method, url: '/items/1' }).catch((e: unknown) => e);
    expect(axios.isAxiosError(error)).toBe(true);
    expect(isStatusPolicyError(error) && error.statusPolicy).toMatchObject({ category: 'client', retryable: false, attempts: 1 });
    expect(mock.history[method]).toHaveLength(1);
  });

  it('a successful DELETE is not marked', async () => {
    const { api, mock } = rig();
    mock.onDelete('/items/1').reply(204);
    const res = await api.delete('/items/1');
    expect(isAlreadyDeleted(res)).toBe(false);
    expect(res.statusPolicy?.alreadyDeleted).toBeUndefined();
  });

  it('deleteNotFound: false rejects the 404 like any other', async () => {
    const { api, mock } = rig({ deleteNotFound: false });
    mock.onDelete('/items/1').reply(404);
    await expect(api.delete('/items/1')).rejects.toMatchObject({ response: { status: 404 } });
  });

  it('can be turned off per request', async () => {
    const { api, mock } = rig();
    mock.onDelete('/items/1').reply(404);
    await expect(api.delete('/items/1', { statusPolicy: { deleteNotFound: false } })).rejects.toMatchObject({ response: { status: 404 } });
    await expect(api.delete('/items/1', { statusPolicy: false })).rejects.toMatchObject({ response: { status: 404 } });
  });

  it('other 4xx of a DELETE still reject', async () => {
    const { api, mock } = rig();
    mock.onDelete('/items/1').reply(410);
    await expect(api.delete('/items/1')).rejects.toMatchObject({ response: { status: 410 } });
    expect(mock.history.delete).toHaveLength(1);
  });
});
