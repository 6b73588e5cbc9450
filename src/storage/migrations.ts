import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine } from './schemaEngine.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../../prisma/schema.prisma', import.meta.url));

// The same structure `prisma migrate deploy` reads from disk, so the _prisma_migrations table we
// write is the one the Prisma CLI expects: users with normal internet can still run the CLI.
export async function readMigrationsList(dir = MIGRATIONS_DIR) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await readFile(path.join(dir, e.name, 'migration.sql'), 'utf8');
    migrationDirectories.push({
      path: e.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: content } },
    });
  }
  const lockPath = path.join(dir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet applied; returns their names (empty when up to date). */
export async function applyMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(adapter);
  try {
    const out = await engine.applyMigrations({ migrationsList: await readMigrationsList(), filters: noFilter });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that takes the migrations folder to the current schema.prisma ('' when nothing changed). */
export async function diffSchemaAgainstMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const content = await readFile(SCHEMA_PATH, 'utf8');
  const engine = await openSchemaEngine(adapter, { path: SCHEMA_PATH, content });
  try {
    const list = await readMigrationsList();
    const res = await engine.diff({
      from: list.migrationDirectories.length ? { tag: 'migrations', ...list } : { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content }] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    const sql = res.stdout ?? '';
    return /^\s*-- This is an empty migration\.\s*$/.test(sql) ? '' : sql;
  } finally {
    engine.free();
  }
}
