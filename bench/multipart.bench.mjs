// 207 batch parsing, side by side in one run: (a) the floor — split on the delimiter and
// JSON.parse each part, nothing else — (b) axios-status-policy through the 207 policy (a real
// axios request on an in-memory adapter) and its parser alone, (c) meros. String and bytes
// paths, 10 KB / 1 MB / 10 MB batches of ~1 KB JSON parts. Rounds are interleaved (the order
// rotates each round) and the median is reported.
// Then the hostile bodies (a part with a million header lines, a RingCentral JSON batch of a
// million entries, 13 MB of headers within the limits): the same request with the plugin and
// with plain axios (no plugin), so the table shows what the plugin adds to each.
//
//   npm run build && node bench/multipart.bench.mjs        (BENCH_ROUNDS=N to change rounds)
import axios from 'axios';
import { meros } from 'meros/node';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { attachStatusPolicy, parseBatchResponse } from '../dist/index.js';

const BOUNDARY = 'Boundary_1245_945802293_1394135045248';
const CONTENT_TYPE = `multipart/mixed; boundary=${BOUNDARY}`;
const DELIMITER = `--${BOUNDARY}`;

/** A RingCentral-style batch: a manifest part, then `count` JSON parts of about 1 KB, CRLF. */
export function makeBatch(count) {
  const manifest = JSON.stringify({ response: Array.from({ length: count }, (_, i) => ({ status: i % 10 === 3 ? 404 : 200 })) });
  const parts = [manifest];
  for (let i = 0; i < count; i++) {
    parts.push(
      JSON.stringify({
        uri: `https://platform.ringcentral.com/restapi/v1.0/account/1/extension/1/message-store/${2447722008 + i}`,
        id: 2447722008 + i,
        to: [{ phoneNumber: '18559100010', name: 'Ada Lovelace' }],
        from: { phoneNumber: '16509101086', location: 'San Mateo, CA' },
        type: 'SMS',
        creationTime: '2012-10-29T15:36:04.000Z',
        readStatus: i % 2 ? 'Read' : 'Unread',
        priority: 'Normal',
        attachments: [{ id: 1, uri: `https://platform.ringcentral.com/restapi/v1.0/content/${i}`, contentType: 'text/plain' }],
        direction: 'Inbound',
        availability: 'Alive',
        subject: `Message number ${i}: ${'lorem ipsum dolor sit amet '.repeat(12)}`,
        messageStatus: 'Received',
        conversationId: 5717224681082 + i,
        lastModifiedTime: '2012-10-29T15:36:04.000Z',
      }, null, 1),
    );
  }
  return `${parts.map((p) => `${DELIMITER}\r\nContent-Type: application/json\r\n\r\n${p}\r\n`).join('')}${DELIMITER}--\r\n`;
}

// ---- (a) the floor ----------------------------------------------------------------------------

function floorString(text) {
  const out = [];
  const chunks = text.split(DELIMITER);
  for (let i = 1; i < chunks.length - 1; i++) {
    const c = chunks[i];
    out.push(JSON.parse(c.slice(c.indexOf('\r\n\r\n') + 4)));
  }
  return out;
}

function floorBytes(buf) {
  const out = [];
  let at = buf.indexOf(DELIMITER);
  for (;;) {
    const next = buf.indexOf(DELIMITER, at + DELIMITER.length);
    if (next < 0) break;
    const head = buf.indexOf('\r\n\r\n', at);
    out.push(JSON.parse(buf.toString('utf8', head + 4, next)));
    at = next;
  }
  return out;
}

// ---- (b) ours ---------------------------------------------------------------------------------

function oursThroughAxios() {
  let payload;
  const api = axios.create({
    adapter: async (config) => ({ data: payload, status: 207, statusText: 'Multi-Status', headers: { 'content-type': CONTENT_TYPE }, config, request: {} }),
  });
  attachStatusPolicy(api);
  return async (data, responseType) => {
    payload = data;
    const res = await api.get('/batch', { responseType });
    return res.data;
  };
}

// ---- (c) meros --------------------------------------------------------------------------------

/** meros on a Node response-like stream of one chunk (its best case); `multiple` batches parts per chunk. */
async function viaMeros(buf, multiple) {
  const source = {
    headers: { 'content-type': CONTENT_TYPE },
    async *[Symbol.asyncIterator]() {
      yield buf;
    },
  };
  const out = [];
  const parts = await meros(source, { multiple });
  // The way its README reads them: `for await (const part of parts)`.
  if (multiple) for await (const batch of parts) for (const p of batch) out.push(p.body);
  else for await (const p of parts) out.push(p.body);
  return out;
}

// ---- harness ----------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function time(fn, iterations) {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - t0) / iterations;
}

/** Runs the comparison; returns one row per size and path (times in ms, medians). */
export async function runMultipartBench({ rounds = Number(process.env.BENCH_ROUNDS ?? 15), sizes, hostile = true } = {}) {
  const axiosPath = oursThroughAxios();
  const plan = sizes ?? [
    { label: '10 KB', parts: 10 },
    { label: '1 MB', parts: 1000 },
    { label: '10 MB', parts: 10_000 },
  ];
  const rows = [];
  for (const { label, parts } of plan) {
    const text = makeBatch(parts);
    const buf = Buffer.from(text);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
    // About 10 MB per sample: short samples on a busy machine are mostly noise.
    const iterations = Math.max(1, Math.round(10_000_000 / text.length));
    for (const path of ['string', 'bytes']) {
      const impls = {
        floor: path === 'string' ? () => floorString(text) : () => floorBytes(buf),
        ours: path === 'string' ? () => axiosPath(text, undefined) : () => axiosPath(ab, 'arraybuffer'),
        parser: path === 'string' ? () => parseBatchResponse(text, CONTENT_TYPE) : () => parseBatchResponse(buf, CONTENT_TYPE),
        // meros reads bytes only (Node Buffers); its string row is the same bytes run.
        meros: () => viaMeros(buf, false),
        merosMultiple: () => viaMeros(buf, true),
      };
      // Every contender must produce the parts before it is timed.
      const counts = await Promise.all(Object.entries(impls).map(async ([k, f]) => [k, await f()]));
      for (const [k, r] of counts) {
        const n = Array.isArray(r) ? r.length : r.parts.length;
        const want = k === 'ours' || k === 'parser' ? parts : parts + 1;
        if (n !== want) throw new Error(`${k} gave ${n} parts for ${label} ${path}, expected ${want}`);
      }
      const names = Object.keys(impls);
      const samples = Object.fromEntries(names.map((k) => [k, []]));
      for (let r = -2; r < rounds; r++) {
        // Rotate the order each round so no contender always runs after a GC-heavy one.
        for (let j = 0; j < names.length; j++) {
          const k = names[(j + r + 2) % names.length];
          const ms = await time(impls[k], iterations);
          if (r >= 0) samples[k].push(ms);
        }
      }
      const m = Object.fromEntries(names.map((k) => [k, median(samples[k])]));
      rows.push({
        size: label,
        parts,
        path,
        floorMs: m.floor,
        oursMs: m.ours,
        parserMs: m.parser,
        merosMs: m.meros,
        merosMultipleMs: m.merosMultiple,
        oursVsFloor: m.ours / m.floor,
        merosVsOurs: m.meros / m.ours,
      });
    }
  }
  return hostile ? [...rows, ...(await runHostileBench({ rounds: Math.min(rounds, 5) }))] : rows;
}

// ---- hostile bodies ---------------------------------------------------------------------------

const HOSTILE_BOUNDARY = 'hostile_b0undary';

/** The bodies of issue 13, each with the Content-Type it is served with and what the plugin answers. */
export function makeHostile() {
  const mixed = `multipart/mixed; boundary=${HOSTILE_BOUNDARY}`;
  const delimiter = `--${HOSTILE_BOUNDARY}`;
  // Within the limits, each part's block distinct (no reuse of the previous part's headers).
  const legalParts = [];
  for (let i = 0; i < 10_000; i++) {
    legalParts.push(`${delimiter}\r\n${Array.from({ length: 99 }, (_, j) => `X-P${j}: ${i}`).join('\r\n')}\r\nContent-Type: application/json\r\n\r\n{}\r\n`);
  }
  return [
    {
      label: 'one part, a million header lines',
      contentType: mixed,
      body: `${delimiter}\r\n${'X-Pad: aaaa\r\n'.repeat(1_000_000)}\r\n{}\r\n${delimiter}--\r\n`,
    },
    {
      label: 'RingCentral JSON batch, a million entries',
      contentType: 'application/vnd.ringcentral.multipart+json',
      body: JSON.stringify(Array.from({ length: 1_000_000 }, (_, i) => ({ resourceId: String(i), status: 200, body: {} }))),
    },
    { label: '10,000 parts of 100 header lines (within the limits)', contentType: mixed, body: `${legalParts.join('')}${delimiter}--\r\n` },
  ];
}

/** Times each hostile body through an in-memory adapter, with the plugin and without (ms, medians). */
export async function runHostileBench({ rounds = 5 } = {}) {
  let served;
  const adapter = async (config) => ({ data: served.body, status: 207, statusText: 'Multi-Status', headers: { 'content-type': served.contentType }, config, request: {} });
  const plain = axios.create({ adapter });
  const ours = axios.create({ adapter });
  attachStatusPolicy(ours);
  const outcomeOf = (api) => () =>
    api.get('/batch').then(
      (res) => (Array.isArray(res.data) ? `${res.data.length} parts` : typeof res.data),
      (e) => e.parseError?.code ?? e.code ?? String(e),
    );
  const rows = [];
  for (const hostile of makeHostile()) {
    served = hostile;
    const impls = { plain: outcomeOf(plain), ours: outcomeOf(ours) };
    const answers = { plain: await impls.plain(), ours: await impls.ours() };
    const samples = { plain: [], ours: [] };
    for (let r = 0; r < rounds; r++) {
      for (const k of r % 2 ? ['ours', 'plain'] : ['plain', 'ours']) samples[k].push(await time(impls[k], 1));
    }
    rows.push({
      kind: 'hostile',
      body: hostile.label,
      megabytes: hostile.body.length / 1e6,
      plainMs: median(samples.plain),
      oursMs: median(samples.ours),
      ours: answers.ours,
    });
  }
  return rows;
}

export function markdownTable(rows) {
  const f = (x) => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
  const hostile = rows.filter((r) => r.kind === 'hostile');
  rows = rows.filter((r) => r.kind !== 'hostile');
  const lines = [
    '| batch | path | floor (ms) | ours via 207 policy (ms) | ours, parser only (ms) | meros (ms) | meros `multiple` (ms) | ours / floor | meros / ours |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.size} (${r.parts} parts) | ${r.path} | ${f(r.floorMs)} | ${f(r.oursMs)} | ${f(r.parserMs)} | ${f(r.merosMs)} | ${f(r.merosMultipleMs)} | ${r.oursVsFloor.toFixed(2)}× | ${r.merosVsOurs.toFixed(2)}× |`,
    );
  }
  if (hostile.length) {
    lines.push(
      '',
      'Hostile bodies, one request each on an in-memory adapter (the body handed over as a string, as axios does by default):',
      '',
      '| body | size (MB) | plain axios (ms) | with the plugin (ms) | the plugin answers |',
      '|---|---:|---:|---:|---|',
    );
    for (const r of hostile) lines.push(`| ${r.body} | ${r.megabytes.toFixed(1)} | ${f(r.plainMs)} | ${f(r.oursMs)} | ${r.ours} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runMultipartBench();
  console.log(`node ${process.version}, median of ${process.env.BENCH_ROUNDS ?? 15} interleaved rounds\n`);
  console.log(markdownTable(rows));
  console.log('\nTargets (1 MB): ours / floor ≤ 1.3×, meros / ours ≥ 2×. meros reads bytes only: its string rows time the same bytes.');
}
