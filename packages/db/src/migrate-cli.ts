import { migrateDatabase } from './migrate';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set');
  process.exit(1);
}
migrateDatabase(url).then(
  () => console.log('[quorum] migrations applied'),
  (err: unknown) => {
    console.error('[quorum] migration failed:', err);
    process.exit(1);
  },
);
