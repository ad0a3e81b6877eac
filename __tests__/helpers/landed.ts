import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The status rules built on their own branches, by their file in src/policies/. */
export type PendingRule = 'auth' | 'multi-status' | 'delete-not-found' | 'not-modified' | 'redirect';

/**
 * Whether a status rule has landed: its src/policies/<rule>.ts is no longer the placeholder that
 * answers `next` for everything. Environment scenarios for a rule that has not landed are skipped
 * with a message and run by themselves once it merges; a landed rule that misbehaves then fails.
 */
export function landed(rule: PendingRule): boolean {
  const file = path.resolve(__dirname, '../../src/policies', `${rule}.ts`);
  return !/^\/\/ Placeholder:/m.test(readFileSync(file, 'utf8'));
}

