/**
 * A RingCentral-style 207 body: a JSON manifest of statuses as the first part, then one JSON part
 * per sub-response, CRLF line ends. Pure (no Node APIs): the Hermes and browser programs use it too.
 */
export function batchBody(boundary: string, parts: Array<{ status: number; body: unknown }>): string {
  const manifest = { response: parts.map((p) => ({ status: p.status })) };
  const part = (json: unknown): string[] => [`--${boundary}`, 'Content-Type: application/json', '', JSON.stringify(json)];
  return [...part(manifest), ...parts.flatMap((p) => part(p.body)), `--${boundary}--`, ''].join('\r\n');
}
