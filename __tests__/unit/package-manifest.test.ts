import fs from 'node:fs';
import path from 'node:path';

// What a tarball carries is decided by package.json: these keep the licence in it and make sure
// `npm pack`/`npm publish` can never ship without a fresh dist/.
const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  license: string;
  files: string[];
  scripts: Record<string, string>;
};

it('ships an MIT LICENSE that matches the license field', () => {
  expect(pkg.license).toBe('MIT');
  expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'LICENSE']));
  const text = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
  expect(text.split('\n').slice(0, 3)).toEqual(['MIT License', '', 'Copyright (c) 2026 axios-status-policy contributors']);
});

it('builds before packing', () => {
  expect(pkg.scripts.prepack).toBe('npm run build');
  expect(pkg.scripts.build).toMatch(/rollup -c/);
});
