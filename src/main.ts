import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger, prettyDestination } from './config/logger.js';
import { DataDirLockedError } from './storage/dirLock.js';
import { MigrationLockTimeoutError } from './storage/migrationLock.js';

// Process entry: configuration, logging, start, graceful shutdown. Wiring lives in app.ts.
async function main() {
  // Before anything writes: every file and directory this process makes (the embedded database,
  // the admin token, receipts, WhatsApp credentials) is for its own user only.
  process.umask(0o077);
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, prettyDestination(config.LOG_FORMAT));
  const app = await createApp(config, logger);
  await app.server.listen({ port: config.PORT, host: config.HOST });
  logger.info({ port: config.PORT, database: app.database.kind }, `Cordial is running: open http://localhost:${config.PORT}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof MigrationLockTimeoutError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
