// JSON.parse turns 5717224681082742945 (a real RingCentral conversationId) into
// 5717224681082743000. With `largeIntegers: 'string'` such integers are quoted before parsing,
// so they come back exact, as strings.

// String and number tokens. Only run on text JSON.parse accepted, so every string closes and
// the scan never starts inside one: linear.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** `JSON.parse`, optionally keeping integers beyond ±2^53 exact as strings. Throws like JSON.parse. */
export function parseJson(text: string, largeIntegersAsStrings?: boolean): unknown {
  const value: unknown = JSON.parse(text);
  // 16 digits in a row: the only way to write an integer beyond 2^53 (9007199254740992).
  if (!largeIntegersAsStrings || !/\d{16}/.test(text)) return value;
  const exact: unknown = JSON.parse(text.replace(TOKEN, (t) => (/^-?\d{16,}$/.test(t) && !Number.isSafeInteger(+t) ? `"${t}"` : t)));
  return exact;
}
