import type { TUser } from '@quorum/contracts';
import { useCallback, useEffect, useState } from 'react';
import { onUnauthenticated } from './api/client';
import { api } from './api/endpoints';
import { isApiError } from './api/errors';
import { LoginForm } from './components/LoginForm';
import { Shell } from './components/Shell';
import { connectSocket, disconnectSocket } from './socket';

/** Who is logged in decides everything: the login form, or the shell for their role. */
export function App() {
  const [user, setUser] = useState<TUser | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);
  // Only a demo start has demo users; a production login page shows no hint.
  const [demo, setDemo] = useState<{ emails: string[]; password: string | null }>({ emails: [], password: null });

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
    api.demoLogins().then(setDemo, () => undefined);
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
        <LoginForm onLogin={login} demoEmails={demo.emails} demoPassword={demo.password ?? undefined} />
      </>
    );
  return <Shell key={user.id} user={user} onLogout={logout} />;
}
