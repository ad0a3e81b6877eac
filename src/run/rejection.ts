import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { field } from '../field';
import type { Answer } from '../rules/rule';

// What a rejection carries, read without trusting its type: anything may be thrown, and an error
// from an adapter or an interceptor need not be an AxiosError.

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The config a rejection carries (axios puts the request's config on its errors), if any. */
export function configOf(error: unknown): InternalAxiosRequestConfig | undefined {
  const config = field(error, 'config');
  return isConfig(config) ? config : undefined;
}

/** The answer a rejection is: its response, if axios had one. */
export function answerOf(error: unknown): Answer {
  const response = field(error, 'response');
  return { response: isResponse(response) ? response : undefined, error };
}

// axios builds both; an object in their place is taken as one, as axios itself takes it.
const isConfig = (value: unknown): value is InternalAxiosRequestConfig => isObject(value);
const isResponse = (value: unknown): value is AxiosResponse => isObject(value);
