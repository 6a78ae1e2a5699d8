import type { TUser } from '@quorum/contracts';
import type { SocketStatus } from '../socket';

type Props = {
  user: TUser;
  projectName?: string;
  onSwitchProject?: () => void;
  onLogout: () => void;
  live: SocketStatus;
};

const ROLE_NAMES = { labeller: 'Labeller', expert: 'Expert', engineer: 'Engineer' } as const;
const LIVE_TEXT: Record<SocketStatus, string> = { live: 'Live', connecting: 'Reconnecting…', offline: 'Offline' };

export function Header({ user, projectName, onSwitchProject, onLogout, live }: Props) {
  return (
    <header className="header">
      <div className="header-left">
        <span className="brand" aria-label="Quorum">
          <span className="brand-mark" aria-hidden="true" />
          Quorum
        </span>
        <span className="role-badge">{ROLE_NAMES[user.role]}</span>
        {projectName && (
          <span className="header-project">
            <span className="muted">/</span> {projectName}
            {onSwitchProject && (
              <button type="button" className="link-button" onClick={onSwitchProject}>
                Switch project
              </button>
            )}
          </span>
        )}
      </div>
      <div className="header-right">
        <span className={`live live-${live}`} title="Live updates">
          <span className="live-dot" aria-hidden="true" />
          <span className="live-text">{LIVE_TEXT[live]}</span>
        </span>
        <span className="header-user" title={user.email}>
          {user.displayName}
          <span className="muted header-email">{user.email}</span>
        </span>
        <button type="button" className="button button-ghost" onClick={onLogout}>
          Log out
        </button>
      </div>
    </header>
  );
}
