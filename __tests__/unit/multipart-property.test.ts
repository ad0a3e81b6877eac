import fc from 'fast-check';
import { MultipartParseError, parseBatchResponse, parseMultipart } from '../../src';

// Property-based checks of the multipart parser. Seeded, so a failure reproduces; the run count
// comes from the environment so CI runs 10,000 and a longer campaign can run separately:
//   MULTIPART_FC_RUNS=1000000 MULTIPART_FC_SEED=123 npx jest multipart-property
const RUNS = Number(process.env.MULTIPART_FC_RUNS ?? 10_000);
const SEED = Number(process.env.MULTIPART_FC_SEED ?? 0x207);
const PARAMS = { numRuns: RUNS, seed: SEED };
const TIMEOUT = Math.max(60_000, RUNS * 10);

// RFC 2046 bchars; a space may not end a boundary.
const BCHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".split('');
const boundaryArb = fc
  .array(fc.constantFrom(...BCHARS), { minLength: 1, maxLength: 70 })
  .map((cs) => cs.join(''))
  .filter((b) => !b.endsWith(' '));

const TOKEN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&*+^`|~'.split('');
const nameArb = fc
  .array(fc.constantFrom(...TOKEN), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join(''))
  .filter((n) => n.toLowerCase() !== 'content-type' && n.toLowerCase() !== '__proto__');
const valueArb = fc.string({ maxLength: 20 }).map((v) => v.replace(/[\r\n]/g, ' ').trim());
const headersArb = fc.uniqueArray(fc.tuple(nameArb, valueArb), { maxLength: 4, selector: ([n]) => n.toLowerCase() });

// Bodies lean on what breaks parsers: line breaks of both kinds, dashes, blank lines, non-ASCII.
const fragment = fc.oneof(
  fc.constantFrom('\r\n', '\n', '\r', '-', '--', ' ', '\t', 'é', '\u{1F914}', '\n\n', ': ', 'HTTP/1.1 200 OK'),
  fc.string({ maxLength: 8 }),
);
const bodyArb = fc.array(fragment, { maxLength: 16 }).map((fs) => fs.join(''));

const partsArb = fc.array(fc.record({ headers: headersArb, body: bodyArb }), { minLength: 1, maxLength: 6 });

const layoutArb = fc.record({
  eols: fc.array(fc.constantFrom('\r\n', '\n'), { minLength: 1, maxLength: 16 }),
  pads: fc.array(fc.constantFrom('', '', ' ', '\t', ' \t  '), { minLength: 1, maxLength: 8 }),
  preamble: fc.oneof(fc.constant(''), bodyArb),
  epilogue: fc.oneof(fc.constant(''), bodyArb),
  close: fc.constantFrom('--', '---', '--  ', '-- trailing words'),
  finalEol: fc.boolean(),
  quoted: fc.boolean(),
  bytes: fc.boolean(),
});

type Part = { headers: Array<[string, string]>; body: string };
type Layout = typeof layoutArb extends fc.Arbitrary<infer L> ? L : never;

/** Serialises parts with the layout's line breaks, padding, preamble, epilogue and close. */
function serialise(boundary: string, parts: Part[], l: Layout): string {
  let e = 0;
  let p = 0;
  const eol = (): string => l.eols[e++ % l.eols.length]!;
  const pad = (): string => l.pads[p++ % l.pads.length]!;
  let out = l.preamble ? l.preamble + eol() : '';
  for (const part of parts) {
    out += `--${boundary}${pad()}${eol()}`;
    for (const [n, v] of part.headers) out += `${n}: ${v}${eol()}`;
    out += eol() + part.body + eol();
  }
  out += `--${boundary}${l.close}`;
  if (l.finalEol) out += eol() + l.epilogue;
  return out;
}

/** Bodies that a conforming writer could not send with this boundary. */
const fits = (boundary: string, text: string): boolean => !`\n${text}`.includes(`\n--${boundary}`);

describe('round trip', () => {
  it(
    'random parts and boundaries, serialised with CRLF/LF/padding/preamble/epilogue, parse back to the same parts',
    () => {
      fc.assert(
        fc.property(boundaryArb, partsArb, layoutArb, (boundary, parts, layout) => {
          fc.pre(parts.every((x) => fits(boundary, x.body) && !x.body.endsWith('\r')));
          fc.pre(fits(boundary, layout.preamble));
          const text = serialise(boundary, parts, layout);
          const ct = layout.quoted ? `multipart/mixed; boundary="${boundary}"` : `multipart/mixed; boundary=${boundary}`;
          if (!layout.quoted && /[ ;"]/.test(boundary)) return; // needs quoting; covered by the quoted runs
          const got = layout.bytes ? parseMultipart(new Uint8Array(Buffer.from(text)), ct) : parseMultipart(text, ct);
          // Plain comparisons, not expect(): ten thousand runs of matchers cost more than the parsing.
          const simple = got.map((g) => ({
            headers: { ...g.headers },
            type: g.type,
            body: typeof g.body === 'string' ? g.body : Buffer.from(g.body).toString('utf8'),
          }));
          const want = parts.map((x) => ({
            headers: Object.fromEntries(x.headers.map(([n, v]) => [n.toLowerCase(), v])),
            type: 'text/plain',
            body: x.body,
          }));
          if (JSON.stringify(simple) !== JSON.stringify(want)) expect(simple).toEqual(want);
        }),
        PARAMS,
      );
    },
    TIMEOUT,
  );
});

describe('garbage', () => {
  const noise = fc.array(
    fc.oneof(
      fc.constantFrom(
        '--b', '--b--', '--b ', '\r\n', '\n', '\r', ' ', ':', '\r\n\r\n', '--c', '--c--',
        'Content-Type: multipart/mixed; boundary=c\n', 'Content-Type: multipart/mixed; boundary="b"\r\n',
        'Content-Type: application/json\n', 'Content-Type: application/http\n', 'HTTP/1.1 404 x\n',
        '{"response":[200]}', '[{"status":200}]', '\u{1F914}', 'X-A:\n\t', '--',
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 40 },
  ).map((xs) => xs.join(''));
  const ctArb = fc.constantFrom(
    'multipart/mixed; boundary=b',
    'multipart/mixed; boundary="b"',
    'multipart/related; type=x; BOUNDARY=c',
    'multipart/mixed',
    'multipart/mixed; boundary=',
    'application/vnd.ringcentral.multipart+json',
    'text/plain',
  );
  const onlyTyped = (fn: () => unknown): void => {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof MultipartParseError)) throw e;
    }
  };

  it(
    'never throws anything but MultipartParseError, as string or bytes, parser or batch reader',
    () => {
      fc.assert(
        fc.property(noise, ctArb, fc.boolean(), (text, ct, asBytes) => {
          const input = asBytes ? new Uint8Array(Buffer.from(text)) : text;
          onlyTyped(() => parseMultipart(input, ct, { maxDepth: 3 }));
          onlyTyped(() => parseBatchResponse(input, ct));
        }),
        PARAMS,
      );
    },
    TIMEOUT,
  );

  it(
    'random bytes (invalid UTF-8 included) never throw anything but MultipartParseError',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), ctArb, (bytes, ct) => {
          onlyTyped(() => parseMultipart(bytes, ct));
          onlyTyped(() => parseBatchResponse(bytes, ct));
        }),
        PARAMS,
      );
    },
    TIMEOUT,
  );
});
