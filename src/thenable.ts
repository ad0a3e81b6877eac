import { field } from './field';

/** A promise or any other thenable: sync and async answers (stores, rules) share one code path. */
export const isThenable = <T>(v: unknown): v is Promise<T> => typeof field(v, 'then') === 'function';
