import type { AxiosResponse } from 'axios';
import type { StatusPolicyInfo } from './types';
import { isRecord } from './http/record';

type Marked<K extends keyof StatusPolicyInfo> = AxiosResponse & { statusPolicy: StatusPolicyInfo & Required<Pick<StatusPolicyInfo, K>> };

const flag = (response: unknown, key: 'alreadyDeleted' | 'fromCache'): boolean =>
  isRecord(response) && isRecord(response.statusPolicy) && response.statusPolicy[key] === true;

/** A DELETE that resolved on a 404: the resource was already gone. */
export const isAlreadyDeleted = (response: unknown): response is Marked<'alreadyDeleted'> => flag(response, 'alreadyDeleted');

/** A 304 answered from the validator cache: `data` is the cached body. */
export const isFromCache = (response: unknown): response is Marked<'fromCache'> => flag(response, 'fromCache');
