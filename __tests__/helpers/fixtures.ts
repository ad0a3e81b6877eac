import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Published multipart/mixed bodies, kept byte for byte in the repo (see their README.md). */
export const FIXTURE_DIR = path.resolve(__dirname, '../fixtures/multipart');

/** Content-Type of the body-only fixtures, as their README gives it. */
const BODY_ONLY: Record<string, string> = {
  '03': 'multipart/mixed; boundary=Boundary_1245_945802293_1394135045248',
  '04': 'multipart/mixed; boundary=Boundary_1245_945802293_1394135045248',
  '05': 'multipart/mixed; boundary=Boundary_1245_945802293_1394135045248',
  '07': 'multipart/mixed; boundary="batch_foobarbaz"',
  '09': 'multipart/mixed; boundary=batchresponse_1690ba47-3476-4cdb-9979-e889ef351a01',
  '10': 'multipart/mixed; boundary=batchresponse_a3116828-e46f-4cf8-8f87-eca3bee678c5',
  '12': 'multipart/mixed; boundary="-"',
};

export interface Fixture {
  contentType: string;
  /** The multipart body as bytes, exactly as in the file. */
  bytes: Buffer;
  /** The same body as a string (UTF-8), what axios hands over by default. */
  text: string;
}

/** Loads fixture `NN`: a head+body file is split at its first blank line (LF only in those files). */
export function fixture(nn: string): Fixture {
  const name = readdirSync(FIXTURE_DIR).find((f) => f.startsWith(`${nn}-`));
  if (!name) throw new Error(`no fixture ${nn}`);
  const file = readFileSync(path.join(FIXTURE_DIR, name));
  const given = BODY_ONLY[nn];
  if (given) return { contentType: given, bytes: file, text: file.toString('utf8') };
  const split = file.indexOf('\n\n');
  const head = file.subarray(0, split).toString('latin1');
  const line = head.split('\n').find((l) => /^content-type:/i.test(l));
  if (!line) throw new Error(`fixture ${nn} has no Content-Type`);
  const bytes = file.subarray(split + 2);
  return { contentType: line.slice(line.indexOf(':') + 1).trim(), bytes, text: bytes.toString('utf8') };
}
