import path from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDatabase } from './client';

export const MIGRATIONS_FOLDER = path.resolve(__dirname, '../../../migrations');

/** Applies every migration in migrations/ not yet applied; safe to run on every start. */
export async function migrateDatabase(url: string): Promise<void> {
  const { db, close } = createDatabase(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await close();
  }
}
