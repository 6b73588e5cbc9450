import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

// Prisma's migrate CLI downloads a native schema engine, which this network cannot reach. The
// same engine ships as WASM on npm; we drive it directly through a driver adapter. Node 20 cannot
// `import` a .wasm file without --experimental-wasm-modules, so we instantiate it by hand and
// hand its exports to the wasm-bindgen glue, which is exactly what the package's entry file does.
type Bindgen = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');
export type SchemaEngine = import('@prisma/schema-engine-wasm').SchemaEngine;

let loaded: Promise<Bindgen> | undefined;

function loadBindgen(): Promise<Bindgen> {
  loaded ??= (async () => {
    // The package exports only its JS entry points; the .wasm sits next to the glue file.
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Bindgen;
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue as never });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return loaded;
}

export async function openSchemaEngine(
  adapter: SqlMigrationAwareDriverAdapterFactory,
  datamodel?: { path: string; content: string },
): Promise<SchemaEngine> {
  const glue = await loadBindgen();
  const datamodels: [string, string][] | undefined = datamodel ? [[datamodel.path, datamodel.content]] : undefined;
  // The callback receives the engine's own log lines; they are noise for our users.
  return glue.SchemaEngine.new({ datamodels }, () => {}, bindMigrationAwareSqlAdapterFactory(wholeScripts(adapter)));
}

type PgAdapter = SqlDriverAdapter & { underlyingDriver(): { query(sql: string): Promise<unknown> }; onError(e: unknown): never };

/**
 * PrismaPg runs a migration script by splitting it on every `;`, so a PL/pgSQL function body (the
 * trigger that keeps each debtor's balance) or a `;` in a comment would be cut into pieces. Each
 * script is sent whole instead, as one simple query: PostgreSQL then runs it in one implicit
 * transaction, so a migration applies entirely or not at all. PGlite's adapter already runs a
 * script whole.
 */
function wholeScripts(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    if (adapter.adapterName !== '@prisma/adapter-pg') return adapter;
    const pg = adapter as PgAdapter;
    return new Proxy(pg, {
      get(target, prop) {
        if (prop === 'executeScript') {
          return async (script: string) => {
            await target.underlyingDriver().query(script).catch((e: unknown) => target.onError(e));
          };
        }
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  };
  return new Proxy(factory, {
    get(target, prop) {
      if (prop === 'connect') return async () => wrap(await target.connect());
      if (prop === 'connectToShadowDb') return async () => wrap(await target.connectToShadowDb());
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
