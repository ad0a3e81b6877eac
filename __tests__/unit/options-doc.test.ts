import fs from 'node:fs';
import path from 'node:path';
import { everyPolicy } from '../../src/policies';

/**
 * docs/options.md is the reference a user reads after `npm install`: every key every block
 * accepts has a row there (`maxHeaderLines` and `maxHeaderBytes` had none).
 */
const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/options.md'), 'utf8');

it('docs/options.md has a row for every option of every block', () => {
  const keys = everyPolicy().flatMap(({ spec }) => (spec ? Object.keys(spec.schema).map((key) => `${spec.name}.${key}`) : []));
  expect(keys.length).toBeGreaterThan(30);
  expect(keys.filter((key) => !doc.includes(`| \`${key}\``))).toEqual([]);
});
