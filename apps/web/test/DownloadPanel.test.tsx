import { screen } from '@testing-library/react';
import { DownloadPanel } from '../src/engineer/DownloadPanel';
import { datasetVersion } from './fixtures';
import { renderUI } from './render';

const v = datasetVersion(4, { status: 'approved' });
const base = `/api/v1/dataset-versions/${v.id}`;

describe('DownloadPanel', () => {
  it('links the JSONL export of every split by default, same-origin', () => {
    renderUI(<DownloadPanel version={v} />);
    expect(screen.getByRole('link', { name: 'Download version 4, JSONL' })).toHaveAttribute('href', `${base}/export?format=jsonl`);
  });

  it('puts the chosen format and split in the link', async () => {
    const { user } = renderUI(<DownloadPanel version={v} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'Parquet');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Split' }), 'test');
    expect(screen.getByRole('link', { name: 'Download version 4, test split, Parquet' })).toHaveAttribute('href', `${base}/export?format=parquet&split=test`);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Format' }), 'CSV');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Split' }), 'all splits');
    expect(screen.getByRole('link', { name: 'Download version 4, CSV' })).toHaveAttribute('href', `${base}/export?format=csv`);
  });

  it('links the dataset card as Markdown and JSON', () => {
    renderUI(<DownloadPanel version={v} />);
    expect(screen.getByRole('link', { name: 'Dataset card of version 4, Markdown' })).toHaveAttribute('href', `${base}/card?format=md`);
    expect(screen.getByRole('link', { name: 'Dataset card of version 4, JSON' })).toHaveAttribute('href', `${base}/card?format=json`);
  });
});
