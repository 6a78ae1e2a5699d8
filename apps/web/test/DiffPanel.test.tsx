import { screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../src/api/errors';
import { DiffPanel } from '../src/engineer/DiffPanel';
import { datasetDiff, datasetVersion, diffRow } from './fixtures';
import { renderUI } from './render';

jest.mock('../src/api/endpoints', () => ({ api: { datasetDiff: jest.fn() } }));
const { api } = jest.requireMock('../src/api/endpoints') as { api: { datasetDiff: jest.Mock } };

// The parent is the latest approved version when a version was merged, so v4 builds on v2.
const v1 = datasetVersion(1, { status: 'approved' });
const v2 = datasetVersion(2, { status: 'approved' });
const v3 = datasetVersion(3, { status: 'rejected', parentId: v2.id });
const v4 = datasetVersion(4, { parentId: v2.id });
const versions = [v4, v3, v2, v1];
const labels = ['match', 'no_match'];
const rowsIn = () => within(screen.getByRole('table', { name: 'Changed rows' })).getAllByRole('row').slice(1);

beforeEach(() => api.datasetDiff.mockReset());

describe('DiffPanel', () => {
  it('compares with the parent by default: summary counts and each row before and after', async () => {
    api.datasetDiff.mockResolvedValue(datasetDiff());
    renderUI(<DiffPanel version={v4} versions={versions} labels={labels} />);
    await screen.findByRole('table', { name: 'Changed rows' });
    expect(api.datasetDiff).toHaveBeenCalledWith(v4.id, { against: undefined, kind: undefined, cursor: undefined, limit: 50 });
    expect(screen.getByRole('combobox', { name: 'Compare with' })).toHaveDisplayValue('its parent, version 2');
    expect(screen.getByRole('button', { name: 'Added +120' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Removed −4' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Relabelled 7' })).toBeVisible();
    const [added, relabelled, removed] = rowsIn();
    expect(added).toHaveTextContent('ext-1Added—MatchtrainAI need help with task number 1BI can help with task number 1');
    expect(relabelled).toHaveTextContent('ext-2RelabelledMatchtrainNo matchtrain');
    expect(within(relabelled!).getByText('No match')).toHaveClass('diff-changed');
    expect(removed).toHaveTextContent('ext-3RemovedMatchtrain—');
  });

  it('pages forward with the server’s cursor and back again', async () => {
    const summary = { added: 51, removed: 0, relabelled: 0, moved: 0 };
    api.datasetDiff.mockImplementation(async (_id: string, q: { cursor?: string }) =>
      q.cursor === 'c2' ? datasetDiff({ summary, rows: [diffRow(51)], nextCursor: null }) : datasetDiff({ summary, rows: Array.from({ length: 50 }, (_, i) => diffRow(i + 1)), nextCursor: 'c2' }),
    );
    const { user } = renderUI(<DiffPanel version={v4} versions={versions} labels={labels} />);
    await screen.findByText('Rows 1–50 of 51');
    expect(screen.getByRole('button', { name: '← Previous' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Next →' }));
    await screen.findByText('Rows 51–51 of 51');
    expect(api.datasetDiff).toHaveBeenLastCalledWith(v4.id, expect.objectContaining({ cursor: 'c2' }));
    expect(rowsIn()).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Next →' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '← Previous' }));
    await screen.findByText('Rows 1–50 of 51');
    expect(api.datasetDiff).toHaveBeenLastCalledWith(v4.id, expect.objectContaining({ cursor: undefined }));
  });

  it('filters by kind, from the first page again', async () => {
    api.datasetDiff.mockImplementation(async (_id: string, q: { kind?: string; cursor?: string }) =>
      q.kind === 'relabelled' ? datasetDiff({ rows: [diffRow(2, 'relabelled')] }) : datasetDiff({ nextCursor: 'c2' }),
    );
    const { user } = renderUI(<DiffPanel version={v4} versions={versions} labels={labels} />);
    await user.click(await screen.findByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(api.datasetDiff).toHaveBeenLastCalledWith(v4.id, expect.objectContaining({ cursor: 'c2' })));
    await user.click(screen.getByRole('button', { name: 'Relabelled 7' }));
    expect(screen.getByRole('button', { name: 'Relabelled 7' })).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(api.datasetDiff).toHaveBeenLastCalledWith(v4.id, { against: undefined, kind: 'relabelled', cursor: undefined, limit: 50 }));
    await waitFor(() => expect(rowsIn()).toHaveLength(1));
    expect(rowsIn()[0]).toHaveTextContent('Relabelled');
  });

  it('compares with any other version picked from the select', async () => {
    api.datasetDiff.mockResolvedValue(datasetDiff());
    const { user } = renderUI(<DiffPanel version={v4} versions={versions} labels={labels} />);
    await screen.findByRole('table', { name: 'Changed rows' });
    const select = screen.getByRole('combobox', { name: 'Compare with' });
    // Not itself, not the parent twice, and not the rejected v3, which holds no rows.
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['its parent, version 2', 'version 1 · approved']);
    await user.selectOptions(select, 'version 1 · approved');
    await waitFor(() => expect(api.datasetDiff).toHaveBeenLastCalledWith(v4.id, expect.objectContaining({ against: v1.id })));
  });

  it('says when nothing differs', async () => {
    api.datasetDiff.mockResolvedValueOnce(datasetDiff({ rows: [], summary: { added: 0, removed: 0, relabelled: 0, moved: 0 } }));
    renderUI(<DiffPanel version={v1} versions={versions} labels={labels} />);
    expect(await screen.findByText(/No row differs/)).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Compare with' })).toHaveDisplayValue('nothing (first version)');
  });

  it('shows a failed load', async () => {
    api.datasetDiff.mockRejectedValueOnce(new ApiError(404, 'not_found', 'no such dataset version'));
    renderUI(<DiffPanel version={v4} versions={versions} labels={labels} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('no such dataset version');
  });
});
