import type { TReviewAgreement } from '@quorum/contracts';
import { percent } from '../components/labels';

type Figures = TReviewAgreement['project'];
const share = (f: Figures) => (f.share === null ? '—' : percent(f.share));

/**
 * Every expert's agreement with the crowd, for the engineer: an expert who overrules the crowd
 * far more often than the others is either catching what the crowd misses or reading the
 * guidelines differently — worth a look either way. Set-asides (ambiguous, invalid) have no crowd
 * label to agree with and are counted apart.
 */
export function ExpertAgreementPanel({ agreement }: { agreement: TReviewAgreement | undefined }) {
  return (
    <section className="panel" aria-labelledby="experts-title">
      <div className="panel-head">
        <h2 id="experts-title" className="panel-title">
          Experts
        </h2>
        <span className="muted">How often each expert chose the crowd&apos;s leading label when settling an escalated item.</span>
      </div>
      {agreement === undefined ? (
        <p className="muted">Loading…</p>
      ) : agreement.experts.length === 0 ? (
        <p className="muted">No expert has settled an item yet.</p>
      ) : (
        <div className="table-wrap">
        <table className="table table-static">
          <thead>
            <tr>
              <th scope="col">Expert</th>
              <th scope="col" className="num">Decisions</th>
              <th scope="col" className="num">Agreed with the crowd</th>
              <th scope="col" className="num">Share</th>
              <th scope="col" className="num">Ambiguous</th>
              <th scope="col" className="num">Invalid pair</th>
            </tr>
          </thead>
          <tbody>
            {agreement.experts.map((e) => (
              <tr key={e.expertId}>
                <th scope="row">{e.displayName}</th>
                <td className="num">{e.decisions}</td>
                <td className="num">
                  {e.agreed} of {e.comparable}
                </td>
                <td className="num">{share(e)}</td>
                <td className="num">{e.ambiguous}</td>
                <td className="num">{e.invalid}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All experts</th>
              <td className="num">{agreement.project.decisions}</td>
              <td className="num">
                {agreement.project.agreed} of {agreement.project.comparable}
              </td>
              <td className="num">{share(agreement.project)}</td>
              <td className="num">{agreement.project.ambiguous}</td>
              <td className="num">{agreement.project.invalid}</td>
            </tr>
          </tfoot>
        </table>
        </div>
      )}
    </section>
  );
}
