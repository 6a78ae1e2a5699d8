import { useState } from 'react';
import { api } from '../api/endpoints';
import { DATASET_SPLITS, EXPORT_FORMATS, type DatasetSplit, type DatasetVersion, type ExportFormat } from './datasetTypes';

const FORMAT_NAMES: Record<ExportFormat, string> = { jsonl: 'JSONL', csv: 'CSV', parquet: 'Parquet' };

/**
 * Downloads of an approved version: its rows in a format, all splits or one, and its dataset
 * card. Plain same-origin links to the streaming routes, so the browser streams the file to disk
 * and the session cookie goes along; nothing is held in the page.
 */
export function DownloadPanel({ version }: { version: DatasetVersion }) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [split, setSplit] = useState<DatasetSplit | ''>('');
  const what = `version ${version.number}${split ? `, ${split} split` : ''}, ${FORMAT_NAMES[format]}`;
  return (
    <div className="download" role="group" aria-label={`Download version ${version.number}`}>
      <label className="filter">
        <span>Format</span>
        <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_NAMES[f]}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Split</span>
        <select value={split} onChange={(e) => setSplit(e.target.value as DatasetSplit | '')}>
          <option value="">all splits</option>
          {DATASET_SPLITS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <a className="button button-primary" href={api.exportUrl(version.id, format, split || undefined)} download aria-label={`Download ${what}`}>
        Download
      </a>
      <span className="spacer" />
      <span className="download-card">
        <span className="muted">Dataset card</span>
        <a className="button button-secondary button-small" href={api.cardUrl(version.id, 'md')} download aria-label={`Dataset card of version ${version.number}, Markdown`}>
          Markdown
        </a>
        <a className="button button-secondary button-small" href={api.cardUrl(version.id, 'json')} download aria-label={`Dataset card of version ${version.number}, JSON`}>
          JSON
        </a>
      </span>
    </div>
  );
}
