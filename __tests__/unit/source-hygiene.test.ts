import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

// Issue 12's hygiene rules, checked on the source itself so a change cannot quietly undo them:
// no module-level mutable state in src/ (a `let`/`var` at the top of a module, or a Map, Set or
// WeakMap made there, would be shared by every attach in the process), and no one-letter names
// for fields.

const SRC = join(__dirname, '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const files = sourceFiles(SRC).map((file) => ({
  name: relative(SRC, file),
  source: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true),
}));

const MUTABLE_CONTAINER = /^new (Weak)?(Map|Set)\b/;

function moduleState(source: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const declaration of list.declarations) {
      const name = declaration.name.getText(source);
      if (!isConst) found.push(`${name} (let/var)`);
      else if (declaration.initializer && MUTABLE_CONTAINER.test(declaration.initializer.getText(source).replace(/^\/\*.*?\*\/\s*/, ''))) {
        found.push(`${name} (a container made at load)`);
      }
    }
  }
  return found;
}

function oneLetterFields(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isPropertyDeclaration(node) || ts.isPropertySignature(node)) && node.name.getText(source).length === 1) {
      found.push(node.name.getText(source));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('src/ hygiene', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('has no module-level mutable state', () => {
    const offenders = files.flatMap(({ name, source }) => moduleState(source).map((what) => `${name}: ${what}`));
    expect(offenders).toEqual([]);
  });

  it('has no one-letter field names', () => {
    const offenders = files.flatMap(({ name, source }) => oneLetterFields(source).map((field) => `${name}: ${field}`));
    expect(offenders).toEqual([]);
  });

  it('catches what it looks for', () => {
    const probe = ts.createSourceFile('probe.ts', 'let count = 0;\nconst seen = new WeakMap();\ninterface P { x: number }', ts.ScriptTarget.ES2020, true);
    expect(moduleState(probe)).toEqual(['count (let/var)', 'seen (a container made at load)']);
    expect(oneLetterFields(probe)).toEqual(['x']);
  });
});
