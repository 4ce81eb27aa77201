// One small SQL surface over SQLite (better-sqlite3) and PostgreSQL (pg), so the history store is written once.

/** A row as the drivers return it. */
export type Row = Readonly<Record<string, unknown>>;

/** A value a query parameter may take. */
export type SqlValue = string | number | null | Uint8Array;

/** The operations the history store needs. SQL uses `?` placeholders; the PostgreSQL adapter rewrites them to `$n`. */
export interface SqlDatabase {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  query(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Inserts many rows with one prepared statement. */
  insertMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Rewrites `?` placeholders to PostgreSQL's `$1, $2, ...` (the store's SQL has no `?` inside string literals). */
export function toDollarParams(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${String(++n)}`);
}

/** Opens a SQLite database file (created when missing) with WAL journaling and foreign keys on. */
export async function openSqlite(path: string): Promise<SqlDatabase> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const norm = (params: readonly SqlValue[]) => params.map((p) => (p instanceof Uint8Array ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
  return {
    dialect: 'sqlite',
    exec: (sql) => {
      db.exec(sql);
      return Promise.resolve();
    },
    query: (sql, params = []) => Promise.resolve(db.prepare(sql).all(...norm(params)) as Row[]),
    run: (sql, params = []) => {
      db.prepare(sql).run(...norm(params));
      return Promise.resolve();
    },
    insertMany: (sql, rows) => {
      const statement = db.prepare(sql);
      for (const row of rows) statement.run(...norm(row));
      return Promise.resolve();
    },
    async transaction<T>(work: () => Promise<T>): Promise<T> {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

/** Connects to PostgreSQL with a connection string (postgres://user@host:port/db). */
export async function openPostgres(connectionString: string): Promise<SqlDatabase> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000, statement_timeout: 120_000 });
  await client.connect();
  const norm = (params: readonly SqlValue[]) => params.map((p) => (p instanceof Uint8Array ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p));
  const query = async (sql: string, params: readonly SqlValue[] = []): Promise<Row[]> => (await client.query(toDollarParams(sql), norm(params))).rows as Row[];
  return {
    dialect: 'postgres',
    exec: async (sql) => {
      await client.query(sql);
    },
    query,
    run: async (sql, params = []) => {
      await query(sql, params);
    },
    insertMany: async (sql, rows) => {
      // Batches of rows in one multi-VALUES statement: far fewer round trips than one INSERT per row.
      const match = /^(.*VALUES\s*)\(([^)]*)\)\s*$/is.exec(sql);
      if (!match) {
        for (const row of rows) await query(sql, row);
        return;
      }
      const head = match[1] ?? '';
      const width = (match[2] ?? '').split(',').length;
      const perBatch = Math.max(1, Math.floor(30_000 / width));
      for (let i = 0; i < rows.length; i += perBatch) {
        const batch = rows.slice(i, i + perBatch);
        const values = batch.map(() => `(${Array.from({ length: width }, () => '?').join(', ')})`).join(', ');
        await query(`${head}${values}`, batch.flat());
      }
    },
    async transaction<T>(work: () => Promise<T>): Promise<T> {
      await client.query('BEGIN');
      try {
        const result = await work();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    close: () => client.end(),
  };
}
