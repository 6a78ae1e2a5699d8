import type { DatasetCardSummary } from './card';
import { FINDING_CODES } from './findings';
import { DATASET_SPLITS } from './split';

/**
 * The card for people: a README.md in the shape of a Hugging Face dataset card (YAML front
 * matter the Hub reads, then prose and tables), so an export uploaded there renders as is.
 * Numbers are written without locale formatting so the card is byte-identical everywhere.
 */

/** A table cell: a pipe would end the cell and a newline the row. */
function cell(value: string | number): string {
  return String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ');
}

function table(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

/** The Hub's size_categories buckets. */
function sizeCategory(n: number): string {
  const buckets: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
  ];
  return buckets.find(([limit]) => n < limit)?.[1] ?? 'n>10M';
}

const fixed = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

export function datasetCardMarkdown(s: DatasetCardSummary): string {
  const labels = Object.keys(s.counts.byLabel);
  const title = `${s.projectName} — version ${s.version}`.replace(/\s+/g, ' ');
  const approval =
    s.approval.status === 'candidate'
      ? 'candidate (not yet approved)'
      : `${s.approval.status} by ${s.approval.decidedBy ?? 'unknown'} at ${s.approval.decidedAt ?? 'unknown'}`;
  const parts = [
    [
      '---',
      `pretty_name: ${JSON.stringify(title)}`,
      'size_categories:',
      `- ${sizeCategory(s.counts.total)}`,
      'task_categories:',
      '- text-classification',
      'tags:',
      '- quorum',
      '---',
    ].join('\n'),
    `# ${title}`,
    table(
      ['', ''],
      [
        ['content hash (sha256)', `\`${s.contentHash}\``],
        ['parent', s.parent ? `version ${s.parent.version} (\`${s.parent.contentHash}\`)` : 'none'],
        ['created', s.createdAt],
        ['rows', s.counts.total],
        ['status', approval],
      ],
    ),
    '## Splits and labels',
    'Each row\'s split is fixed by a hash of its normalised text pair, so duplicates share a split and rows never move between versions.',
    table(
      ['split', 'rows', ...labels],
      [
        ...DATASET_SPLITS.map((sp) => [sp, s.counts.bySplit[sp], ...labels.map((l) => s.counts.bySplitLabel[sp][l] ?? 0)]),
        ['all', s.counts.total, ...labels.map((l) => s.counts.byLabel[l] ?? 0)],
      ],
    ),
    '## Agreement',
    `Mean agreement ${fixed(s.agreement.mean)} over ${s.agreement.rows} rows with crowd votes. ` +
      `Labels decided by the crowd: ${s.decidedBy.crowd}; by an expert: ${s.decidedBy.expert}.`,
    table(
      ['agreement', 'rows'],
      s.agreement.histogram.map((n, i) => [`${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}`, n]),
    ),
    '## Data checks',
    `${s.checks.quarantined} rows were quarantined at merge and are not in this version.` +
      (s.checks.driftedLabels.length > 0 ? ` Label share drifted for: ${s.checks.driftedLabels.join(', ')}.` : ''),
    table(
      ['check', 'findings'],
      FINDING_CODES.map((c) => [c, s.checks.findingCounts[c]]),
    ),
  ];
  if (s.columns && s.columns.length > 0) {
    parts.push('## Columns', table(['column', 'type', 'description'], s.columns.map((c) => [`\`${c.name}\``, c.type, c.description])));
  }
  if (s.approval.note) {
    parts.push('## Approval note', s.approval.note.split(/\r?\n/).map((line) => `> ${line}`).join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
