import { trace } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { StatusPolicyConfigError } from '../config-error';
import type { PolicyEvent } from '../types';
import { eventAttributes, eventName } from './event-attributes';

/** The options of {@link otelEvents}. */
export interface OtelEventsOptions {
  /**
   * The span the events go on, read at each event. The span active where the request was made
   * is the one a reader opens to see why the call took as long as it did.
   * @default () => trace.getActiveSpan()
   */
  span?: () => Span | undefined;
}

const activeSpan = (): Span | undefined => trace.getActiveSpan();

/**
 * An `onEvent` handler that records what the policy did (each retry, hold, refresh, redirect and
 * any other decision) as a span event on the active span: `axios_status_policy.<kind>` with the
 * event's fields as attributes (docs/telemetry.md). With no tracer registered, or no span active,
 * or a span that is not recording, it does nothing.
 */
export function otelEvents(options: OtelEventsOptions = {}): (event: PolicyEvent) => void {
  const spanOf = options.span ?? activeSpan;
  if (typeof spanOf !== 'function') {
    throw new StatusPolicyConfigError(`option "span" of otelEvents must be a function returning the span to record on, got ${typeof spanOf}`);
  }
  return (event) => {
    const span = spanOf();
    // The attributes are worked out only for a span that keeps them.
    if (span && span.isRecording()) span.addEvent(eventName(event), eventAttributes(event));
  };
}
