import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createDatabase, type Database } from './client';

/**
 * A fresh database per test file, copied from a template that `npm test` migrated once
 * (CREATE DATABASE … TEMPLATE is a file copy: tens of milliseconds, and files run in parallel
 * without seeing each other's rows).
 */
export async function createTestDatabase(): Promise<Database & { url: string; drop: () => Promise<void> }> {
  const admin = process.env.QUORUM_TEST_PG_ADMIN_URL;
  const template = process.env.QUORUM_TEST_PG_TEMPLATE;
  if (!admin || !template) {
    throw new Error('QUORUM_TEST_PG_ADMIN_URL / QUORUM_TEST_PG_TEMPLATE are not set: run the tests with `npm test`');
  }
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await client.end();
  }
  const url = admin.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  const database = createDatabase(url, { max: 20 });
  return {
    ...database,
    url,
    drop: async () => {
      await database.close();
      const c = new Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export function testRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the tests with `npm test`');
  return url;
}
