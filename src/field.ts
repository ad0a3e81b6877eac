/**
 * `value[key]` when `value` is an object or a function, else `undefined`: reads a property of
 * something whose type is not known (an error, an adapter, a response body) as `unknown`, without
 * asserting a type for it. The caller narrows what it gets (`typeof`, a guard).
 */
export function field(value: unknown, key: string): unknown {
  const readable = (typeof value === 'object' && value !== null) || typeof value === 'function';
  return readable ? Reflect.get(value, key) : undefined;
}
