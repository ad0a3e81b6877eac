import type { AxiosResponse } from 'axios';

/** What one send produced: a response axios accepted, or a rejection (with a response or not). */
export interface Answer {
  response: AxiosResponse | undefined;
  /** `undefined` when axios resolved; anything thrown otherwise (usually an `AxiosError`). */
  error: unknown;
}
