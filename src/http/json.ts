// JSON.parse turns 5717224681082742945 (a real RingCentral conversationId) into
// 5717224681082743000. With `largeIntegers: 'string'` such integers are quoted before parsing,
// so they come back exact, as strings. One linear pass; runs only when a long digit run exists.

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** 16+ digits in a row: the only way to write an integer beyond 2^53 (9007199254740992). */
function hasLongDigitRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (isDigit(text.charCodeAt(i))) {
      if (++run >= 16) return true;
    } else run = 0;
  }
  return false;
}

/** Quotes integer literals (outside strings) that a double cannot hold exactly. */
function quoteLargeIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    if (c !== 0x2d && !isDigit(c)) continue;
    let j = i + 1;
    let integer = true;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (isDigit(d)) continue;
      if (d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) integer = false;
      else break;
    }
    const literal = text.slice(i, j);
    if (integer && literal.length >= 16 && !Number.isSafeInteger(Number(literal))) {
      out += `${text.slice(copied, i)}"${literal}"`;
      copied = j;
    }
    i = j - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** `JSON.parse`, optionally keeping integers beyond ±2^53 exact as strings. Throws like JSON.parse. */
export function parseJson(text: string, largeIntegersAsStrings: boolean): unknown {
  if (largeIntegersAsStrings && hasLongDigitRun(text)) return JSON.parse(quoteLargeIntegers(text)) as unknown;
  return JSON.parse(text) as unknown;
}
