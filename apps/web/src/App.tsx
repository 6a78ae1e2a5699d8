import type { TUser } from '@quorum/contracts';
import { useCallback, useEffect, useState } from 'react';
import { onUnauthenticated } from './api/client';
import { api } from './api/endpoints';
import { isApiError } from './api/errors';
import { LoginForm } from './components/LoginForm';
import { Shell } from './components/Shell';
import { connectSocket, disconnectSocket } from './socket';

const DEMO_EMAILS = [
  ...Array.from({ length: 8 }, (_, i) => `labeller${i + 1}@demo.quorum`),
  'expert1@demo.quorum',
  'expert2@demo.quorum',
  'engineer@demo.quorum',
] as const;

/** Who is logged in decides everything: the login form, or the shell for their role. */
export function App() {
  const [user, setUser] = useState<TUser | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);

  const signedOut = useCallback(() => {
    disconnectSocket();
    setUser(null);
  }, []);

  useEffect(() => {
    api
      .me()
      .then(setUser)
      .catch((e: unknown) => {
        if (!isApiError(e) || e.status !== 401) setBootError(e instanceof Error ? e.message : String(e));
        setUser(null);
      });
    return onUnauthenticated(signedOut);
  }, [signedOut]);

  useEffect(() => {
    if (user) connectSocket();
  }, [user]);

  const login = async (email: string, password: string) => setUser(await api.login(email, password));
  const logout = () => {
    void api.logout().catch(() => undefined);
    signedOut();
  };

  if (user === undefined) return <div className="boot" aria-busy="true" />;
  if (user === null)
    return (
      <>
        {bootError && <p className="boot-error">{bootError}</p>}
        <LoginForm onLogin={login} demoEmails={DEMO_EMAILS} demoPassword="quorum-demo" />
      </>
    );
  return <Shell key={user.id} user={user} onLogout={logout} />;
}
