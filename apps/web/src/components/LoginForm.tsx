import { useState, type FormEvent } from 'react';
import { Notice } from './Notice';

export type LoginError = { message: string; field?: string };

type Props = {
  onLogin: (email: string, password: string) => Promise<void>;
  /** Demo accounts to offer as a hint; clicking one fills the form. */
  demoEmails?: readonly string[];
  demoPassword?: string;
};

export function LoginForm({ onLogin, demoEmails = [], demoPassword }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<LoginError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onLogin(email, password);
    } catch (err) {
      const e2 = err as { message?: string; field?: string };
      setError({ message: e2.message ?? 'Login failed.', field: e2.field });
      setBusy(false);
    }
  }

  const invalid = (field: string) => error?.field === field || undefined;
  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} noValidate>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          Quorum
        </div>
        <h1 className="login-title">Sign in</h1>
        {error && <Notice tone="error">{error.message}</Notice>}
        <label className="field">
          <span>Email</span>
          <input type="email" name="email" autoComplete="username" autoFocus value={email} aria-invalid={invalid('email')} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" name="password" autoComplete="current-password" value={password} aria-invalid={invalid('password')} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {demoEmails.length > 0 && (
          <details className="demo-hint">
            <summary>Demo accounts</summary>
            <p className="muted">
              Password <code>{demoPassword}</code>. Pick one to fill the form:
            </p>
            <ul>
              {demoEmails.map((d) => (
                <li key={d}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setEmail(d);
                      if (demoPassword) setPassword(demoPassword);
                    }}
                  >
                    {d}
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </form>
    </main>
  );
}
