import fs from 'node:fs';
import path from 'node:path';
import { emitPackageDeclarations, typecheckAsConsumer } from '../helpers/consumer-typecheck';

/**
 * Every ```ts / ```typescript block of README.md and docs/*.md type-checks as a consumer's ESM
 * module (strict, nodenext, the package by name). Each block imports what it uses from the package
 * and axios; only the names below (CONTEXT) may be used without a declaration, as the pages'
 * running example (docs/contributing.md says so). A block fenced ```ts nocheck is left out: keep
 * those rare, and say in the text around it why it is partial.
 */
jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../..');
const pages = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

const FENCE = /^```(ts|typescript)([^\n]*)\n([\s\S]*?)^```/gm;

/** The checked blocks of a page, each named by its page and first line number. */
export function snippetsOf(page: string, text: string): Array<{ name: string; code: string }> {
  const found: Array<{ name: string; code: string }> = [];
  for (const m of text.matchAll(FENCE)) {
    if (/\bnocheck\b/.test(m[2]!)) continue;
    const line = text.slice(0, m.index).split('\n').length;
    found.push({ name: `${page.replace(/[/.]/g, '_')}_L${line}.mts`, code: m[3]! });
  }
  return found;
}

/** The pages' running example: an axios instance, a token store, a logger and a metrics client. */
const CONTEXT = `
import type { AxiosInstance } from 'axios';
declare global {
  /** \`axios.create({ baseURL: 'https://api.example.com' })\`, the policy attached unless the block attaches it. */
  const api: AxiosInstance;
  /** The app's token store. */
  const tokens: { access: string; refresh: string };
  /** Any logger. */
  const log: ((...args: unknown[]) => void) & Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;
  /** Any metrics client. */
  const metrics: { increment(name: string, tags?: Record<string, string>): void; timing(name: string, ms: number, tags?: Record<string, string>): void };
}
export {};
`;

const snippets = pages
  .flatMap((page) => snippetsOf(page, fs.readFileSync(path.join(root, page), 'utf8')));

it('finds the snippets (README and docs have dozens)', () => {
  expect(snippets.length).toBeGreaterThan(20);
});

it('every TypeScript snippet in README.md and docs/ type-checks (strict, nodenext)', () => {
  const scratch = emitPackageDeclarations();
  try {
    const errors = typecheckAsConsumer(scratch.dir, { 'doc-context.d.ts': CONTEXT, ...Object.fromEntries(snippets.map((s) => [s.name, s.code])) });
    expect(errors.replace(new RegExp(`${scratch.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/|\\.tmp/consumer-[^/]+/`, 'g'), '')).toBe('');
  } finally {
    scratch.remove();
  }
});
