import { useState } from 'react';
import { count } from '../components/format';
import { percent } from '../components/labels';
import { codeName, kindOfCode, type ReadFinding } from './datasetReport';

type Props = {
  findings: readonly ReadFinding[];
  /** How many were found in all (of this kind): the stored report keeps only the first findings. */
  total: number;
  /** Shown while the list is narrowed to one kind. */
  kindName?: string;
};

const SHOWN = 12;
const shortId = (id: string) => id.slice(0, 8);

/** The report's findings, a dozen at a time: the row's external id, what was found, and the row it relates to. */
export function FindingsList({ findings, total, kindName }: Props) {
  const [all, setAll] = useState(false);
  if (findings.length === 0) {
    // Found, but past the report's cap: saying "none found" here would be wrong.
    if (total > 0) return <p className="muted">{count(total)} found, but the stored report lists only its first findings and none of these is among them.</p>;
    return <p className="muted">{kindName ? `No ${kindName.toLowerCase()} found.` : 'The checks found nothing.'}</p>;
  }
  const shown = all ? findings : findings.slice(0, SHOWN);
  return (
    <div className="findings">
      <ul className="findings-list" aria-label={kindName ? `Findings: ${kindName}` : 'Findings'}>
        {shown.map((f, i) => (
          <li key={`${f.code}-${f.itemId ?? 'version'}-${i}`} className="finding">
            <span className={`chip chip-small finding-code finding-${kindOfCode(f.code)?.key ?? 'other'}`}>{codeName(f.code)}</span>
            <span className="finding-body">
              {f.externalId ? <code className="finding-id">{f.externalId}</code> : f.itemId ? <code className="finding-id" title={f.itemId}>item {shortId(f.itemId)}</code> : <span className="muted">whole version</span>}
              <span className="finding-message">{f.message}</span>
              {(f.relatedItemId || typeof f.similarity === 'number') && (
                <span className="muted finding-related">
                  {f.relatedItemId && (
                    <>
                      related item <code title={f.relatedItemId}>{shortId(f.relatedItemId)}</code>
                    </>
                  )}
                  {typeof f.similarity === 'number' && <> · {percent(f.similarity)} alike</>}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
      <p className="findings-foot muted">
        {findings.length > SHOWN && (
          <button type="button" className="link-button" onClick={() => setAll((a) => !a)} aria-expanded={all}>
            {all ? `Show the first ${SHOWN}` : `Show all ${count(findings.length)}`}
          </button>
        )}
        {total > findings.length && <span>The report keeps {count(findings.length)} of these {count(total)} findings; the counts above cover all of them.</span>}
      </p>
    </div>
  );
}
