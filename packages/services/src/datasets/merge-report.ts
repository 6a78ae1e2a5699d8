import type { TDatasetFinding, TDatasetReport } from '@quorum/contracts';
import type { CandidateReport } from '@quorum/core';

/** Findings listed in a version's report; the counts cover all of them. */
export const REPORT_FINDINGS_LIMIT = 500;

/**
 * Core's report in the API's shape. Label drift stays in `drift` (it is about the version, not
 * a row); the row findings keep core's order (by code, then item) and are cut at the limit.
 * What the contract does not name (candidates, per-split counts of the added rows) is kept for
 * the card and for people reading the stored JSON.
 */
export function mergeReport(report: CandidateReport, externalIdOf: (itemId: string) => string): TDatasetReport & Record<string, unknown> {
  const rowFindings = report.findings.filter((f) => f.itemId !== null);
  const findings: TDatasetFinding[] = rowFindings.slice(0, REPORT_FINDINGS_LIMIT).map((f) => ({
    itemId: f.itemId!,
    externalId: externalIdOf(f.itemId!),
    code: f.code,
    message: f.message,
    relatedItemId: f.related?.itemId ?? null,
    similarity: f.related?.similarity ?? null,
  }));
  return {
    findingCounts: report.findingCounts,
    quarantinedByCode: report.quarantinedByCode,
    drift: report.drift.map((d) => ({ label: d.label, parentShare: d.parentShare, share: d.versionShare ?? 0, delta: d.delta, flagged: d.flagged })),
    findings,
    findingsTotal: rowFindings.length,
    candidates: report.candidates,
    accepted: report.accepted,
    quarantined: report.quarantined,
    parentRows: report.parentRows,
    added: report.added,
  };
}
