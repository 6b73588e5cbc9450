import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI (generate; migrate for users with normal internet access). The app itself
// applies prisma/migrations at start through the WASM schema engine (src/storage/migrations.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/cordial' },
});
