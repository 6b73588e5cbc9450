// Runs `prisma generate` at install. Generate never uses the schema engine, but the CLI tries to
// download one unless PRISMA_SCHEMA_ENGINE_BINARY points somewhere; offline that download fails.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath };
const r = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
