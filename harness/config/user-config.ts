import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { InputError } from '../../models/errors.js';
import type { ModelFamily } from '../../models/family.js';
import type { Registry } from '../../conjectures/registry.js';
import type { Conjecture } from '../../conjectures/types.js';

/** Names looked for, in order, like vitest's config. */
export const CONFIG_NAMES = ['conjecture.config.ts', 'conjecture.config.mts', 'conjecture.config.js', 'conjecture.config.mjs', 'conjecture.config.cjs', 'conjecture.config.cts'];

/**
 * The config of the working directory: the first CONFIG_NAMES file in it or in
 * a parent folder, stopping at the project root (a folder with package.json
 * or .git). Null when there is none.
 */
export function findUserConfig(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, 'package.json')) || existsSync(join(dir, '.git'))) return null;
    dir = parent;
  }
}

const broken = (file: string, why: string) => new InputError('BAD_USER_CONFIG', `${file}: ${why}`);

/**
 * Loads a user module (TypeScript without a build step, through jiti) and
 * returns what it declares: its default export `defineConfig({ conjectures,
 * families })`, or else every exported conjecture (test modules). A module
 * that does not load, or declares something malformed, is an input error
 * naming the file, never a stack trace.
 */
export async function loadUserModule(file: string): Promise<{ conjectures: Conjecture[]; families: ModelFamily[] }> {
  const path = file.startsWith('file:') ? fileURLToPath(file) : resolve(file);
  if (!existsSync(path)) throw broken(path, 'no such file');
  let module: Record<string, unknown>;
  try {
    const jiti = createJiti(pathToFileURL(path).href, { moduleCache: false });
    module = (await jiti.import(path)) as Record<string, unknown>;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw broken(path, `could not be loaded: ${first}`);
  }
  const declared = module.default;
  if (declared !== undefined && isRecord(declared) && ('conjectures' in declared || 'families' in declared)) {
    const conjectures = listOf<Conjecture>(path, 'conjectures', declared.conjectures, isConjecture);
    const families = listOf<ModelFamily>(path, 'families', declared.families, isFamily);
    return { conjectures, families };
  }
  const exported = Object.values(module).filter((v): v is Conjecture => isRecord(v) && isConjecture(v));
  if (exported.length === 0) {
    throw broken(path, 'declares nothing: export default defineConfig({ conjectures, families }) (see `conjecture init`)');
  }
  return { conjectures: exported, families: [] };
}

/** The registry extended by user modules; workers load the same modules (`registry.modules`). */
export async function registryWithModules(base: Registry, files: readonly string[]): Promise<Registry> {
  let registry = base;
  for (const file of files) {
    const { conjectures, families } = await loadUserModule(file);
    try {
      registry = registry.with(conjectures, families, [file]);
    } catch (error) {
      throw broken(file, (error as Error).message);
    }
  }
  return registry;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isConjecture(v: Record<string, unknown>): boolean {
  return typeof v.id === 'string' && typeof v.family === 'string' && typeof v.scope === 'string';
}

function isFamily(v: Record<string, unknown>): boolean {
  return typeof v.id === 'string' && typeof v.run === 'function' && typeof v.compare === 'function' && isRecord(v.search) && isRecord(v.grid);
}

function listOf<T>(file: string, key: string, value: unknown, valid: (v: Record<string, unknown>) => boolean): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw broken(file, `${key} must be a list`);
  value.forEach((v, i) => {
    if (!isRecord(v) || !valid(v)) {
      const what = key === 'conjectures' ? 'a conjecture (id, family, scope, check or start)' : 'a model family (see defineFamily)';
      throw broken(file, `${key}[${i}] is not ${what}`);
    }
  });
  return value as T[];
}
