import type { FastifyInstance } from 'fastify';

/** 200 once the app serves: it is registered after the database is open and migrated. */
export function registerHealthRoutes(app: FastifyInstance) {
  app.get('/healthz', async () => ({ status: 'ok' }));
}
