import type { SqlDatabase } from './sql.js';

/** One schema step. `sql` uses {{BLOB}} and {{REAL}}, replaced per dialect. Never edit a released step: add one. */
interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'scans, inventory, findings, levels and metrics per scan',
    sql: `
CREATE TABLE scans (
  id TEXT PRIMARY KEY,
  scanned_at TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  model_version TEXT NOT NULL,
  scoring_mode TEXT NOT NULL,
  overall_raw {{REAL}},
  overall_level INTEGER NOT NULL,
  certificates INTEGER NOT NULL,
  endpoints INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  problems INTEGER NOT NULL,
  report {{BLOB}} NOT NULL
);
CREATE INDEX scans_scanned_at ON scans (scanned_at);
CREATE TABLE certificates (
  scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,
  subject TEXT NOT NULL,
  issuer TEXT NOT NULL,
  serial TEXT NOT NULL,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  key_algorithm TEXT NOT NULL,
  key_bits INTEGER,
  spki_sha256 TEXT NOT NULL,
  sans TEXT NOT NULL,
  is_ca INTEGER NOT NULL,
  PRIMARY KEY (scan_id, sha256)
);
CREATE INDEX certificates_sha256 ON certificates (sha256);
CREATE TABLE sightings (
  scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,
  collector TEXT NOT NULL,
  target TEXT NOT NULL,
  location TEXT NOT NULL
);
CREATE INDEX sightings_scan ON sightings (scan_id, sha256);
CREATE TABLE findings (
  scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  rule_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  evidence_id TEXT NOT NULL,
  target TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX findings_scan ON findings (scan_id, rule_id);
CREATE TABLE levels (
  scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  scope TEXT NOT NULL,
  ref TEXT NOT NULL,
  raw {{REAL}},
  level INTEGER,
  source TEXT NOT NULL,
  PRIMARY KEY (scan_id, scope, ref)
);
CREATE TABLE metrics (
  scan_id TEXT NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value {{REAL}} NOT NULL,
  PRIMARY KEY (scan_id, name)
);`,
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

function dialectSql(sql: string, dialect: SqlDatabase['dialect']): string {
  return sql.replaceAll('{{BLOB}}', dialect === 'postgres' ? 'BYTEA' : 'BLOB').replaceAll('{{REAL}}', dialect === 'postgres' ? 'DOUBLE PRECISION' : 'REAL');
}

/**
 * Applies every migration the database has not seen, each in its own transaction, and returns the versions applied.
 * Refuses a database written by a newer build (its schema may not be understood).
 */
export async function migrate(db: SqlDatabase, now: () => Date = () => new Date()): Promise<number[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const rows = await db.query('SELECT version FROM schema_migrations');
  const seen = new Set(rows.map((r) => Number(r.version)));
  const newest = Math.max(0, ...seen);
  if (newest > SCHEMA_VERSION) throw new Error(`history database has schema version ${String(newest)}, newer than this pkimm-scan understands (${String(SCHEMA_VERSION)}); upgrade pkimm-scan`);
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (seen.has(migration.version)) continue;
    await db.transaction(async () => {
      await db.exec(dialectSql(migration.sql, db.dialect));
      await db.run('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)', [migration.version, migration.description, now().toISOString()]);
    });
    applied.push(migration.version);
  }
  return applied;
}
