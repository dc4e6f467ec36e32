/**
 * The import lanes of eslint.config.js, checked with ESLint itself on sample imports placed in each
 * folder: a rule that stops matching (a renamed folder, a regex that no longer fits, an ESLint
 * upgrade) would otherwise pass every lint run in silence.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** The lane rules that fired on `code` as if it were the file `filePath` (which need not exist). */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return (result?.messages ?? [])
    .filter(
      ({ ruleId }) =>
        ruleId === '@typescript-eslint/no-restricted-imports' || ruleId === 'no-restricted-syntax',
    )
    .map(({ message }) => message);
}

const refused: [lane: string, filePath: string, code: string][] = [
  ['domain imports no package but zod', 'src/domain/sample.ts', "export * from 'yjs';"],
  ['domain imports no Node built-in', 'src/domain/sample.ts', "export * from 'node:fs';"],
  ['domain imports no other folder', 'src/domain/sample.ts', "export * from '../storage/device-db';"],
  ['storage never reaches sync', 'src/storage/sample.ts', "export * from '../sync/perimeter-doc';"],
  ['sync never reaches storage', 'src/sync/sample.ts', "export * from '../storage/read-model';"],
  ['sync never reaches workspace', 'src/sync/sample.ts', "export * from '../workspace/join';"],
  [
    'ui never reaches storage, however deep',
    'src/ui/screens/scan/Sample.tsx',
    "export * from '../../../storage/device-db';",
  ],
  ['ui never reaches sync', 'src/ui/Sample.tsx', "export * from '../sync/cell';"],
  [
    'ui takes no value from workspace',
    'src/ui/Sample.tsx',
    "export { openApp } from '../workspace/app-services';",
  ],
  ['ui never loads sync packages', 'src/ui/Sample.tsx', "export * from 'yjs';"],
  ['ui never loads storage packages', 'src/ui/Sample.tsx', "export { liveQuery } from 'dexie';"],
  [
    'ui loads no other folder lazily',
    'src/ui/screens/Sample.tsx',
    "export const load = () => import('../../sync/cell');",
  ],
  ['workspace never reaches ui', 'src/workspace/sample.ts', "export * from '../ui/services';"],
  ['workspace never reaches i18n', 'src/workspace/sample.ts', "export * from '../i18n';"],
  [
    'workspace takes only types from pwa',
    'src/workspace/sample.ts',
    "export { registerPwa } from '../pwa/register';",
  ],
  ['workspace takes only liveQuery from dexie', 'src/workspace/sample.ts', "export { Dexie } from 'dexie';"],
  [
    'workspace never loads y-indexeddb (LocalDocStore.clear deletes every generation)',
    'src/workspace/sample.ts',
    "export { clearDocument } from 'y-indexeddb';",
  ],
  ['server never reaches ui', 'src/server/sample.ts', "export * from '../ui/App';"],
  [
    'server never reaches a device layer',
    'src/server/extensions/sample.ts',
    "export * from '../../workspace/join';",
  ],
  ['server never reaches storage', 'src/server/sample.ts', "export * from '../storage/device-db';"],
  ['server never loads a browser-only package', 'src/server/sample.ts', "export * from 'preact';"],
  ['the service worker never reaches ui', 'sw/sample.ts', "export * from '../src/ui/App';"],
  ['the service worker loads workbox only', 'sw/sample.ts', "export * from 'preact';"],
  ['main.tsx never reaches the server', 'src/main.tsx', "export * from './server/start';"],
  ['a folder without a lane imports nothing', 'src/newfolder/sample.ts', "export * from '../domain';"],
  ['zod is imported as zod/mini everywhere', 'tests/unit/sample.test.ts', "export { z } from 'zod';"],
];

const allowed: [lane: string, filePath: string, code: string][] = [
  ['domain imports zod', 'src/domain/sample.ts', "export * as z from 'zod/mini';"],
  [
    'ui takes types from workspace',
    'src/ui/screens/Sample.tsx',
    "export type { AppServices } from '../../workspace/app-services';",
  ],
  ['ui uses domain and i18n', 'src/ui/Sample.tsx', "export * from '../domain';\nexport * from '../i18n';"],
  [
    'a ui subfolder named like a layer is still ui',
    'src/ui/screens/Sample.tsx',
    "export * from './catalogue/ThemeIdeas';",
  ],
  [
    'workspace composes storage, sync and catalogue',
    'src/workspace/sample.ts',
    "export * from '../storage/read-model';\nexport * from '../sync/perimeter-doc';\nexport * from '../catalogue/load';",
  ],
  [
    'workspace takes liveQuery from dexie and types from pwa',
    'src/workspace/sample.ts',
    "export { liveQuery } from 'dexie';\nexport type { PwaUpdates } from '../pwa/register';",
  ],
  [
    'server uses domain, catalogue and Node',
    'src/server/extensions/sample.ts',
    "export * from '../../domain';\nexport * from '../../catalogue/load';\nexport * from 'node:fs';",
  ],
  [
    'main.tsx wires every device layer',
    'src/main.tsx',
    "export * from './ui/App';\nexport * from './workspace/app-services';\nexport * from './storage/device-db';",
  ],
  [
    'tests import anything',
    'tests/unit/sample.test.ts',
    "export * from '../../src/storage/device-db';\nexport * from '../../src/server/store';",
  ],
];

describe('the import lanes of eslint.config.js', () => {
  it.each(refused)('refuse: %s', async (_lane, filePath, code) => {
    expect(await refusals(filePath, code)).not.toEqual([]);
  });

  it.each(allowed)('allow: %s', async (_lane, filePath, code) => {
    expect(await refusals(filePath, code)).toEqual([]);
  });
});
