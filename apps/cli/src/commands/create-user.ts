import { ZCreateUserRequest, type TUser } from '@quorum/contracts';
import { createDatabase } from '@quorum/db';
import { createUser } from '@quorum/services';

/**
 * Creates a user straight in PostgreSQL. This is how a production install gets its first
 * engineer (who then onboards everyone else through the API or the UI); it needs DATABASE_URL,
 * i.e. access to the database itself, which is the right bar for that first account.
 */
export async function createUserDirect(databaseUrl: string, input: { email: string; displayName: string; role: string; password: string }): Promise<TUser> {
  const parsed = ZCreateUserRequest.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.')}: ${issue.message}`);
  }
  const database = createDatabase(databaseUrl, { max: 1 });
  try {
    return await createUser(database.db, parsed.data);
  } finally {
    await database.close();
  }
}
