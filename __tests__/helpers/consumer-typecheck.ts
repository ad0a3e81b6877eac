import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Type-checks code as a consumer writes it (`import … from 'axios-status-policy'`), strict, under
 * `module`/`moduleResolution` nodenext, without building: the package's declarations are emitted
 * from src/ into a scratch folder inside the worktree (so `axios`, `ioredis`, `redis*` resolve from
 * node_modules), their relative imports given the `.js` a published ESM package needs, and the
 * package names mapped to them with `paths`.
 */

const root = path.resolve(__dirname, '../..');

/** The package's entries, as the exports map names them, and the source each is built from. */
const ENTRIES: Record<string, string> = {
  'axios-status-policy': 'index',
  'axios-status-policy/compose': 'compose',
  'axios-status-policy/tabs': 'tabs',
  'axios-status-policy/redis': 'redis',
  'axios-status-policy/otel': 'otel',
  'axios-status-policy/status': 'status/index',
  // "./compose/*": one entry per file of src/compose/ (attach and each factory).
  ...Object.fromEntries(
    fs
      .readdirSync(path.join(root, 'src/compose'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [`axios-status-policy/compose/${f.slice(0, -3)}`, `compose/${f.slice(0, -3)}`]),
  ),
};

const RELATIVE = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;

/** `./errors` → `./errors.js`, `./status` → `./status/index.js`: what nodenext needs in ESM. */
function withExtensions(file: string): void {
  const dir = path.dirname(file);
  const text = fs.readFileSync(file, 'utf8').replace(RELATIVE, (all, lead: string, quote: string, spec: string) => {
    if (/\.js$/.test(spec)) return all;
    const target = path.resolve(dir, spec);
    const fixed = fs.existsSync(`${target}.d.ts`) ? `${spec}.js` : fs.existsSync(path.join(target, 'index.d.ts')) ? `${spec}/index.js` : spec;
    return `${lead}${quote}${fixed}${quote}`;
  });
  fs.writeFileSync(file, text);
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A scratch folder with the package's declarations; `remove()` when done. */
export function emitPackageDeclarations(): { dir: string; remove(): void } {
  // A fresh clone has no .tmp/ until some test makes one: this one may run first.
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, '.tmp', 'consumer-'));
  const decl = path.join(dir, 'decl');
  const program = ts.createProgram(
    Object.values(ENTRIES).map((e) => path.join(root, 'src', `${e}.ts`)),
    {
      declaration: true,
      emitDeclarationOnly: true,
      outDir: decl,
      rootDir: path.join(root, 'src'),
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2020,
      lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
      strict: true,
      skipLibCheck: true,
      types: [],
    },
  );
  const emitted = program.emit();
  if (emitted.emitSkipped) throw new Error(`declaration emit failed: ${format(emitted.diagnostics)}`);
  for (const file of walk(decl)) if (file.endsWith('.d.ts')) withExtensions(file);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function format(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
}

/**
 * Type-checks `files` (name → source; `.mts` is ESM, `.cts` CommonJS) against the declarations in
 * `dir`; returns the formatted errors found in those files ('' when none).
 */
export function typecheckAsConsumer(dir: string, files: Record<string, string>): string {
  const names = Object.entries(files).map(([name, source]) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, source);
    return file;
  });
  const paths = Object.fromEntries(Object.entries(ENTRIES).map(([name, entry]) => [name, [path.join(dir, 'decl', `${entry}.d.ts`)]]));
  const program = ts.createProgram(names, {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    noEmit: true,
    // Our own declarations are checked in full by `npm run lint:package`; here only the snippets count.
    skipLibCheck: true,
    baseUrl: dir,
    paths,
  });
  const mine = new Set(names);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || mine.has(d.file.fileName));
  return format(diagnostics);
}
