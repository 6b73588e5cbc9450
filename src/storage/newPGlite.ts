import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';

/**
 * An embedded database able to run our migrations: PGlite ships contrib extensions but loads only
 * those it is given, and the migrations create pg_trgm (the debtor search's trigram indexes). Every
 * PGlite that migrations run on comes from here: the app's, the tests', the scripts' and the bench's.
 */
export function newPGlite(dataDir?: string): PGlite {
  return new PGlite({ dataDir, extensions: { pg_trgm } });
}

/**
 * Prisma's adapter on `pglite`, whose shadow database (where a schema diff replays the migrations)
 * loads the same extensions: the adapter's own makes a bare PGlite.
 */
export class PrismaPGliteWithExtensions extends PrismaPGlite {
  override connectToShadowDb() {
    return new PrismaPGlite(newPGlite()).connect();
  }
}
