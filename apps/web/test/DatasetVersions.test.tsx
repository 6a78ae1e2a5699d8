import { screen, within } from '@testing-library/react';
import { DatasetVersions } from '../src/engineer/DatasetVersions';
import { datasetVersion } from './fixtures';
import { renderUI } from './render';

const exportUrl = (id: string) => `/api/v1/dataset-versions/${id}/export?format=jsonl`;

function setup() {
  const onCreate = jest.fn();
  const onDecide = jest.fn();
  const versions = [
    datasetVersion(2),
    datasetVersion(1, { status: 'approved', decidedBy: 'engineer@demo.quorum', decidedAt: '2025-01-01T12:30:00.000Z', decisionNote: 'looks balanced' }),
  ];
  const r = renderUI(<DatasetVersions versions={versions} exportUrl={exportUrl} onCreate={onCreate} onDecide={onDecide} />);
  return { ...r, versions, onCreate, onDecide };
}

describe('DatasetVersions', () => {
  it('shows number, status, counts, short hash and the report summary', () => {
    setup();
    const v2 = screen.getByRole('article', { name: 'Version 2' });
    expect(within(v2).getByText('candidate')).toBeVisible();
    expect(within(v2).getByText('9f86d081884c')).toBeVisible();
    expect(within(v2).getByText('+120')).toBeVisible();
    expect(within(v2).getByText('quarantined')).toBeVisible();
    expect(within(v2).getByText('match 0.410, no match 0.590')).toBeVisible();
  });

  it('approves a candidate with a note', async () => {
    const { user, versions, onDecide } = setup();
    const v2 = screen.getByRole('article', { name: 'Version 2' });
    await user.type(within(v2).getByRole('textbox', { name: /Decision note/ }), '  fine  ');
    await user.click(within(v2).getByRole('button', { name: 'Approve' }));
    expect(onDecide).toHaveBeenCalledWith(versions[0]!.id, 'approve', 'fine');
  });

  it('rejects a candidate without a note', async () => {
    const { user, versions, onDecide } = setup();
    await user.click(within(screen.getByRole('article', { name: 'Version 2' })).getByRole('button', { name: 'Reject' }));
    expect(onDecide).toHaveBeenCalledWith(versions[0]!.id, 'reject', undefined);
  });

  it('offers a same-origin JSONL download only for approved versions', () => {
    const { versions } = setup();
    const links = screen.getAllByRole('link', { name: 'Download JSONL' });
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAttribute('href', exportUrl(versions[1]!.id));
    expect(within(screen.getByRole('article', { name: 'Version 1' })).getByText(/looks balanced/)).toBeVisible();
  });

  it('asks for a new version', async () => {
    const { user, onCreate } = setup();
    await user.click(screen.getByRole('button', { name: 'Create version now' }));
    expect(onCreate).toHaveBeenCalledTimes(1);
  });
});
