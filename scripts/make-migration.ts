// Dev tool: `npm run db:migration -- <name>` writes prisma/migrations/<timestamp>_<name>/migration.sql
// from the difference between the migrations folder and schema.prisma, without the network.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MIGRATIONS_DIR, diffSchemaAgainstMigrations } from '../src/storage/migrations.js';
import { newPGlite, PrismaPGliteWithExtensions } from '../src/storage/newPGlite.js';

const name = (process.argv[2] ?? 'change').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
const sql = await diffSchemaAgainstMigrations(new PrismaPGliteWithExtensions(newPGlite()));
if (!sql.trim()) {
  console.log('schema.prisma matches the migrations: nothing to write');
} else {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  await writeFile(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'provider = "postgresql"\n');
  console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
