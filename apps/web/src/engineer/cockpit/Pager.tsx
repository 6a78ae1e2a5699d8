import { count } from './format';

type Props = { page: number; pageSize: number; total: number; what: string; onPage: (page: number) => void };

/** "21–40 of 500 labellers" with previous / next. */
export function Pager({ page, pageSize, total, what, onPage }: Props) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      <span className="muted">
        {count(from)}–{count(to)} of {count(total)} {what}
      </span>
      <span className="spacer" />
      <button type="button" className="button button-secondary button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span className="muted">
        Page {page} of {pages}
      </span>
      <button type="button" className="button button-secondary button-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
