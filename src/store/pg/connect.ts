// The connection pool. `pg` is imported here only, and only when a postgres:// database is opened: SQLite users and
// the CLI's start never load it.
import type { ClientBase, Pool, PoolClient, PoolConfig, QueryResultRow } from 'pg';

/** What runs a query: the pool, or one client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface PgOptions {
  /** Connections in the pool (default 4: a worker writes one source at a time per connection). */
  max?: number;
  /** Called with every statement's text as it is sent (one call is one round trip): counting, logging. */
  onQuery?: (sql: string) => void;
  /** Every transaction of the pool's connections read-only (`wireroom serve`): the server refuses any write. */
  readOnly?: boolean;
}

/** A `database` setting that names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(database: string): boolean {
  return /^postgres(ql)?:\/\//i.test(database);
}

/**
 * Hides the passwords of every connection string in a text (a setting, an error message, a tool's output): the
 * user-info one and a `password=` parameter, which libpq and pg take too.
 */
export function redactUrl(text: string): string {
  return text
    .replace(/(postgres(?:ql)?:\/\/[^:@/\s]*):[^@/\s]*@/gi, '$1:***@')
    .replace(/(postgres(?:ql)?:\/\/\S*?[?&]password=)[^&\s]*/gi, '$1***');
}

const INT8 = 20;

/** bigint columns (ids, counts) as numbers, as better-sqlite3 gives them; refused beyond 2^53 rather than rounded. */
function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new Error(`integer ${text} does not fit a JavaScript number`);
  return n;
}

export async function connectPool(url: string, opts: PgOptions = {}): Promise<Pool> {
  const { default: pg } = await import('pg');
  const config: PoolConfig = {
    connectionString: url,
    max: opts.max ?? 4,
    ...(opts.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  };
  const pool = new pg.Pool(config);
  // An idle client that loses its server (a restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const onQuery = opts.onQuery;
  if (onQuery)
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (...args: unknown[]) => {
        const first = args[0];
        onQuery(typeof first === 'string' ? first : String((first as { text?: string })?.text ?? ''));
        return query(...args);
      };
    });
  // Fail now, naming the server, rather than at the first query.
  const client = await pool.connect().catch(async (err: Error) => {
    await pool.end();
    throw new Error(`cannot connect to ${redactUrl(url)}: ${err.message}`, { cause: err });
  });
  client.release();
  return pool;
}

/**
 * Where repositories send their statements: the pool (each statement on any connection), or one connection inside a
 * transaction. `transaction` runs fn in a transaction: a new one on the pool, the current one inside a transaction.
 */
export interface PgDb extends Queryable {
  transaction<T>(fn: (tx: PgDb) => Promise<T>): Promise<T>;
}

export function poolDb(pool: Pool): PgDb {
  return {
    query: (text, values) => pool.query(text, values),
    transaction: (fn) => inTransaction(pool, (client) => fn(clientDb(client))),
  };
}

/** A connection already inside a transaction (or one session a caller holds): nested transactions are part of it. */
export function clientDb(client: ClientBase): PgDb {
  const db: PgDb = {
    query: (text, values) => client.query(text, values),
    transaction: (fn) => fn(db),
  };
  return db;
}

/**
 * Runs fn in one transaction on one client: committed when it resolves, rolled back when it throws. `begin` may
 * name an isolation level and access mode (a reader's snapshot).
 */
export async function inTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
