import type { TApiToken } from '@quorum/contracts';
import { useState, type FormEvent } from 'react';
import { relativeTime } from '../components/format';

type Props = {
  tokens: readonly TApiToken[] | undefined;
  /** Resolves to the secret, which the server shows only this once. */
  onCreate: (name: string) => Promise<string>;
  onRevoke: (tokenId: string) => void;
  now?: number;
};

/** API tokens for the CLI and machine clients: list, create (secret shown once), revoke. */
export function TokensPanel({ tokens, onCreate, onRevoke, now = Date.now() }: Props) {
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    try {
      setSecret(await onCreate(name.trim()));
      setName('');
      setCopied(false);
    } catch {
      // The container shows the error.
    }
  }

  return (
    <section className="panel" aria-labelledby="tokens-title">
      <div className="panel-head">
        <h2 id="tokens-title" className="panel-title">
          API tokens
        </h2>
      </div>
      {secret && (
        <div className="secret" role="status">
          <p>
            <strong>Copy this token now.</strong> It is not shown again.
          </p>
          <code className="secret-value" aria-label="New token secret">
            {secret}
          </code>
          <div className="secret-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="link-button" onClick={() => setSecret(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <form className="token-form" onSubmit={create}>
        <label className="field field-inline">
          <span className="sr-only">Token name</span>
          <input type="text" placeholder="Token name, e.g. nightly-export" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="button button-secondary" disabled={!name.trim()}>
          Create token
        </button>
      </form>
      {tokens === undefined ? (
        <p className="muted">Loading…</p>
      ) : tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <ul className="token-list">
          {tokens.map((t) => (
            <li key={t.id} className="token">
              <span className="token-name">{t.name}</span>
              <span className="muted">
                created {relativeTime(t.createdAt, now)} · {t.lastUsedAt ? `used ${relativeTime(t.lastUsedAt, now)}` : 'never used'}
              </span>
              <span className="spacer" />
              {confirming === t.id ? (
                <>
                  <button type="button" className="button button-ghost button-danger" onClick={() => onRevoke(t.id)}>
                    Revoke {t.name}
                  </button>
                  <button type="button" className="link-button" onClick={() => setConfirming(null)}>
                    Cancel
                  </button>
                </>
              ) : (
                <button type="button" className="button button-ghost" onClick={() => setConfirming(t.id)} aria-label={`Revoke ${t.name}…`}>
                  Revoke…
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
