/** Any non-null object, read key by key (headers, bodies, what a store hands back): every value `unknown` until checked. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
