import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * After `npm install`, README.md and the docs it links to must work from
 * node_modules/axios-status-policy: every relative link in README.md and in every shipped page
 * resolves to a file (or folder) inside the tarball, and every `#anchor` to a heading of the page
 * it points at. Before, `files` held only dist/, README.md and LICENSE: all 24 links were dead.
 */
jest.setTimeout(60_000);

const root = path.resolve(__dirname, '../..');

/** The tarball's file list, as `npm pack` would make it (no build: dist/ is not what links point to). */
const packed: string[] = (() => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [report] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return report!.files.map((f) => f.path);
})();
const inTarball = (p: string): boolean => packed.includes(p) || packed.some((f) => f.startsWith(`${p.replace(/\/$/, '')}/`));

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = heading!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n ? `${slug}-${n}` : slug);
  }
  for (const [, id] of markdown.matchAll(/<a (?:id|name)="([^"]+)"/g)) anchors.add(id!);
  return anchors;
}

/** `[text](target)` links outside code, with the line they are on. */
function linksOf(markdown: string): Array<{ target: string; line: number }> {
  const lines = markdown.split('\n');
  const links: Array<{ target: string; line: number }> = [];
  let fenced = false;
  lines.forEach((text, i) => {
    if (/^```/.test(text)) fenced = !fenced;
    if (fenced) return;
    for (const [, target] of text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)) links.push({ target: target!, line: i + 1 });
  });
  return links;
}

const pages = packed.filter((f) => f.endsWith('.md'));

it('ships README.md, docs/ and the pages they link to, with repository, homepage and bugs set', () => {
  expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/options.md', 'docs/errors.md', 'docs/events.md', 'SECURITY.md']));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  expect(pkg.repository).toEqual({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/) });
  expect(pkg.homepage).toMatch(/^https:\/\//);
  expect(pkg.bugs).toEqual({ url: expect.stringMatching(/^https:\/\/.+\/issues$/) });
});

it('every relative link in README.md and the shipped pages resolves inside the tarball', () => {
  const dead: string[] = [];
  for (const page of pages) {
    const text = fs.readFileSync(path.join(root, page), 'utf8');
    for (const { target, line } of linksOf(text)) {
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const resolved = file ? path.posix.normalize(path.posix.join(path.posix.dirname(page), file)) : page;
      if (!inTarball(resolved)) {
        dead.push(`${page}:${line} ${target} (${resolved} is not in the tarball)`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !anchorsOf(fs.readFileSync(path.join(root, resolved), 'utf8')).has(anchor)) {
        dead.push(`${page}:${line} ${target} (no heading #${anchor} in ${resolved})`);
      }
    }
  }
  expect(dead).toEqual([]);
});
