import type { InternalAxiosRequestConfig } from 'axios';
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { redactUrl, safeText } from '../http/redact';
import { methodOf } from '../run/hop';
import type { PolicyEvent } from '../types';

/** The namespace of our span event names and attributes (OpenTelemetry names are snake_case). */
export const NAMESPACE = 'axios_status_policy';

/** `giveUp` → `give_up`, `delayMs` → `delay_ms`. */
const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** `axios_status_policy.retry`, `axios_status_policy.give_up`, … */
export const eventName = (event: PolicyEvent): string => `${NAMESPACE}.${snakeCase(event.type)}`;

/**
 * A field's value as an attribute. Strings are shown as error messages show them (docs/errors.md):
 * a URL without its credentials or secret-looking parameters, server text without control
 * characters; objects (the config, anything a later event kind carries) are left out.
 */
function attributeValue(value: unknown): AttributeValue | undefined {
  if (typeof value === 'string') return safeText(redactUrl(value));
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

/** What axios counts as an absolute URL (`scheme://…` or `//…`): `baseURL` is not put before it. */
const ABSOLUTE = /^([a-z][a-z\d+.-]*:)?\/\//i;

/**
 * The request's URL, redacted: `baseURL` and `url` joined as axios joins them, without `params`
 * (serialising them is axios's, and importing axios here would load `http` before the
 * instrumentation that must patch it is registered: docs/telemetry.md).
 */
export function requestUrl({ baseURL, url }: InternalAxiosRequestConfig): string | undefined {
  const joined =
    typeof url !== 'string' || !url ? baseURL : !baseURL || ABSOLUTE.test(url) ? url : `${baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
  return joined ? redactUrl(joined) : undefined;
}

/**
 * Every field of the event, whatever its kind: the kinds documented in docs/events.md and any a
 * later version adds, so a new kind needs no change here. `status` is the OpenTelemetry HTTP
 * attribute `http.response.status_code`; the request the event concerns gives `http.request.method`
 * and `url.full`; every other field is `axios_status_policy.<field in snake_case>`.
 */
export function eventAttributes(event: PolicyEvent): Attributes {
  const attributes: Attributes = {};
  for (const [field, value] of Object.entries(event)) {
    if (field === 'type' || field === 'config') continue;
    const shown = attributeValue(value);
    if (shown === undefined) continue;
    attributes[field === 'status' ? 'http.response.status_code' : `${NAMESPACE}.${snakeCase(field)}`] = shown;
  }
  if ('config' in event) {
    attributes['http.request.method'] = methodOf(event.config);
    const url = requestUrl(event.config);
    if (url !== undefined) attributes['url.full'] = url;
  }
  return attributes;
}
