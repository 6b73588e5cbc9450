import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { NewUserSchema, fieldErrors } from './users/newUserSchema.js';
import { loadConfig } from './config/config.js';
import { parsePortfolioCsv } from './domain/portfolioCsv.js';
import { DEFAULT_CREDITOR_ID } from './storage/creditorRepository.js';
import { openDatabase } from './storage/database.js';
import { DataDirLockedError } from './storage/dirLock.js';
import { importPortfolio } from './storage/portfolioRepository.js';
import { EmailTakenError, createUser } from './storage/userRepository.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  import FILE.csv   import a portfolio CSV (see README: Portfolio import)
  create-user EMAIL "NAME" agent|admin
                    create a console user; the password comes from CORDIAL_PASSWORD or,
                    if that is unset, the first line of stdin (see README: Accounts)

With the embedded database, a running server owns DATA_DIR: the CLI then sends the file (or the
new user) to the server's API (http://localhost:$PORT, Bearer ADMIN_TOKEN); otherwise it writes to the database itself.`;

async function importCommand(file: string | undefined): Promise<number> {
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    return 2;
  }
  const parsed = parsePortfolioCsv(csv);
  if (!parsed.ok) {
    console.error(`${file}: nothing imported, ${parsed.errors.length} error(s):`);
    for (const e of parsed.errors) console.error(`  line ${e.line}, ${e.field}: ${e.message}`);
    return 1;
  }
  const config = loadConfig();
  try {
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    try {
      // The server creates the creditor at start; make sure it exists when the CLI runs first.
      await database.prisma.creditor.upsert({
        where: { id: DEFAULT_CREDITOR_ID },
        create: { id: DEFAULT_CREDITOR_ID, name: config.CREDITOR_NAME, cnpj: config.CREDITOR_CNPJ, pixKey: config.CREDITOR_PIX_KEY, pixMerchantName: config.CREDITOR_NAME, pixCity: config.CREDITOR_PIX_CITY },
        update: {},
      });
      const r = await importPortfolio(database.prisma, DEFAULT_CREDITOR_ID, parsed.debtors, 'cli');
      console.log(`imported ${r.debtors} debtor(s), ${r.invoices} invoice(s)`);
      return 0;
    } finally {
      await database.close();
    }
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    return importThroughServer(csv, config.PORT, config.ADMIN_TOKEN ?? readToken(config.DATA_DIR));
  }
}

function readToken(dataDir: string): string | undefined {
  try {
    return readFileSync(`${dataDir}/admin-token`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

async function importThroughServer(csv: string, port: number, token: string | undefined): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/admin/portfolio/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token ?? ''}` },
    body: csv,
  });
  const body = (await res.json()) as { debtors?: number; invoices?: number; errors?: unknown; message?: string };
  if (!res.ok) {
    console.error(`the running server refused the import (${res.status}): ${JSON.stringify(body.errors ?? body.message)}`);
    return 1;
  }
  console.log(`imported through the running server: ${body.debtors} debtor(s), ${body.invoices} invoice(s)`);
  return 0;
}

/** CORDIAL_PASSWORD, else the first line of stdin (typed, echoed, or piped in). */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.CORDIAL_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password (at least 10 characters): ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
  }
}

async function createUserCommand(args: string[]): Promise<number> {
  const [email, name, role] = args;
  if (!email || !name || !role || args.length > 3) {
    console.error(USAGE);
    return 2;
  }
  const parsed = NewUserSchema.safeParse({ email, name, role, password: await readPassword() });
  if (!parsed.success) {
    console.error('no user created:');
    for (const e of fieldErrors(parsed.error)) console.error(`  ${e.field}: ${e.message}`);
    return 1;
  }
  const config = loadConfig();
  try {
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    try {
      const user = await createUser(database.prisma, parsed.data, 'cli');
      console.log(`created ${user.role} ${user.email} (id ${user.id}); log in at the console with this e-mail and password`);
      return 0;
    } catch (err) {
      if (!(err instanceof EmailTakenError)) throw err;
      console.error(`no user created: ${err.message}`);
      return 1;
    } finally {
      await database.close();
    }
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    return createUserThroughServer(parsed.data, config.PORT, config.ADMIN_TOKEN ?? readToken(config.DATA_DIR));
  }
}

async function createUserThroughServer(user: unknown, port: number, token: string | undefined): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
    body: JSON.stringify(user),
  });
  const body = (await res.json()) as { user?: { id: string; email: string; role: string }; errors?: unknown; message?: string };
  if (!res.ok || !body.user) {
    console.error(`the running server refused to create the user (${res.status}): ${JSON.stringify(body.errors ?? body.message)}`);
    return 1;
  }
  console.log(`created through the running server: ${body.user.role} ${body.user.email} (id ${body.user.id})`);
  return 0;
}

const [command, ...args] = process.argv.slice(2);
const run =
  command === 'import' ? importCommand(args[0]) : command === 'create-user' ? createUserCommand(args) : Promise.resolve((console.error(USAGE), command ? 2 : 0));
run.then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
