// `axios-status-policy/otel`: what the policy did, in OpenTelemetry traces. `@opentelemetry/api`
// is an optional peer imported only here: the core never imports it (docs/telemetry.md).
export { otelEvents } from './otel/events';
export type { OtelEventsOptions } from './otel/events';
export { otelResends } from './otel/resends';
export { otelHttpHooks } from './otel/http-hooks';
export type { OtelHttpHooks, OutgoingRequestOptions } from './otel/http-hooks';
