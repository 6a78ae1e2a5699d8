import type { ServerEvents } from '@quorum/contracts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../src/api/errors';
import { DatasetsView } from '../src/engineer/DatasetsView';
import type { DatasetVersion } from '../src/engineer/datasetTypes';
import { useDatasetVersions } from '../src/engineer/useEngineerData';
import { datasetDiff, datasetVersion } from './fixtures';
import { renderUI } from './render';

// The dataset page against a fake API and a fake socket: select, approve / reject with a note
// and a confirmation, pending and error states, live updates, merge now.
jest.mock('../src/api/endpoints', () => ({
  api: { listDatasetVersions: jest.fn(), decideDatasetVersion: jest.fn(), datasetDiff: jest.fn(), runMerge: jest.fn(), exportUrl: () => '/x', cardUrl: () => '/c' },
}));
type Handler = (e: unknown) => void;
const handlers = new Map<string, Set<Handler>>();
jest.mock('../src/socket', () => {
  const { useEffect, useRef } = jest.requireActual<typeof import('react')>('react');
  return {
    useSocketEvent: (event: string, handler: Handler) => {
      const ref = useRef(handler);
      ref.current = handler;
      useEffect(() => {
        const h: Handler = (e) => ref.current(e);
        if (!handlers.has(event)) handlers.set(event, new Set());
        handlers.get(event)!.add(h);
        return () => void handlers.get(event)!.delete(h);
      }, [event]);
    },
    useOnReconnect: () => undefined,
  };
});
const emit = <E extends keyof ServerEvents>(event: E, payload: Parameters<ServerEvents[E]>[0]) => act(() => handlers.get(event)?.forEach((h) => h(payload)));
const { api } = jest.requireMock('../src/api/endpoints') as { api: Record<string, jest.Mock> };

const project = { id: '00000000-0000-4000-8000-000000000900', name: 'Demo', labels: ['match', 'no_match'], batchSize: 10 };
let versions: DatasetVersion[];

function Harness() {
  const res = useDatasetVersions(project.id);
  return <DatasetsView project={project} versions={res} now={Date.parse('2025-01-01T13:00:00.000Z')} />;
}
const detail = () => screen.getByRole('region', { name: /^Version \d+$/ });

beforeEach(() => {
  handlers.clear();
  window.history.replaceState(null, '', '/');
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  versions = [datasetVersion(2), datasetVersion(1, { status: 'approved', decidedBy: 'lead@demo.quorum', decidedAt: '2025-01-01T12:10:00.000Z' })];
  api.listDatasetVersions!.mockImplementation(async () => versions);
  api.datasetDiff!.mockResolvedValue(datasetDiff());
});

describe('DatasetsView', () => {
  it('opens the newest version, and another on selection (kept in the address)', async () => {
    const { user } = renderUI(<Harness />);
    expect(await screen.findByRole('heading', { name: 'Version 2' })).toBeVisible();
    expect(within(detail()).getByText('candidate')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Version 1' }));
    expect(screen.getByRole('heading', { name: 'Version 1' })).toBeVisible();
    expect(window.location.hash).toBe('#datasets/1');
    expect(within(detail()).getByRole('link', { name: /^Download version 1/ })).toBeVisible();
  });

  it('shows no diff for a rejected version, which keeps no rows', async () => {
    versions = [datasetVersion(2, { status: 'rejected', parentId: null }), versions[1]!];
    const { user } = renderUI(<Harness />);
    await screen.findByRole('heading', { name: 'Version 2' });
    expect(screen.getByText(/A rejected version keeps its report but no rows/)).toBeVisible();
    expect(api.datasetDiff).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Version 1' }));
    await screen.findByRole('table', { name: 'Changed rows' });
  });

  it('approves with a note after a confirmation, waiting while it is sent', async () => {
    let resolve!: (v: DatasetVersion) => void;
    api.decideDatasetVersion!.mockImplementation(() => new Promise((r) => (resolve = r)));
    const { user } = renderUI(<Harness />);
    await screen.findByRole('heading', { name: 'Version 2' });
    await user.click(screen.getByRole('button', { name: 'Approve…' }));
    const note = screen.getByRole('textbox', { name: /Note/ });
    expect(note).toHaveFocus();
    await user.type(note, '  balanced, no leakage ');
    await user.click(screen.getByRole('button', { name: 'Approve version 2' }));
    expect(api.decideDatasetVersion).toHaveBeenCalledWith(versions[0]!.id, 'approve', 'balanced, no leakage');
    expect(screen.getByRole('button', { name: 'Approving…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await act(async () => resolve({ ...versions[0]!, status: 'approved', decidedBy: 'me@demo.quorum', decidedAt: '2025-01-01T12:59:40.000Z', decisionNote: 'balanced, no leakage' }));
    expect(within(detail()).getByText('approved')).toBeVisible();
    expect(detail()).toHaveTextContent('Approved by me@demo.quorum just now“balanced, no leakage”');
    expect(screen.queryByRole('button', { name: 'Approve…' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: /Dataset versions/ })).getAllByText('approved')).toHaveLength(2);
  });

  it('rejects without a note, and Cancel / Esc step back', async () => {
    api.decideDatasetVersion!.mockResolvedValue({ ...versions[0]!, status: 'rejected' });
    const { user } = renderUI(<Harness />);
    await screen.findByRole('heading', { name: 'Version 2' });
    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Reject…' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Reject…' }));
    expect(screen.getByText(/say what was wrong/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Reject version 2' }));
    expect(api.decideDatasetVersion).toHaveBeenCalledWith(versions[0]!.id, 'reject', undefined);
    await waitFor(() => expect(within(detail()).getByText('rejected')).toBeVisible());
  });

  it('shows the server’s refusal and, on a conflict, where the version stands now', async () => {
    api.decideDatasetVersion!.mockRejectedValue(new ApiError(409, 'conflict', 'version 2 is already rejected'));
    const { user } = renderUI(<Harness />);
    await screen.findByRole('heading', { name: 'Version 2' });
    await user.click(screen.getByRole('button', { name: 'Approve…' }));
    versions = [{ ...versions[0]!, status: 'rejected', decidedBy: 'other@demo.quorum', decidedAt: '2025-01-01T12:58:00.000Z' }, versions[1]!];
    await user.click(screen.getByRole('button', { name: 'Approve version 2' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('version 2 is already rejected');
    await waitFor(() => expect(within(detail()).getByText('rejected')).toBeVisible());
    expect(detail()).toHaveTextContent('Rejected by other@demo.quorum');
  });

  it('keeps an error on the decision while the engineer may try again', async () => {
    api.decideDatasetVersion!.mockRejectedValueOnce(new ApiError(0, 'network', 'Cannot reach the server.'));
    const { user } = renderUI(<Harness />);
    await screen.findByRole('heading', { name: 'Version 2' });
    await user.click(screen.getByRole('button', { name: 'Approve…' }));
    await user.click(screen.getByRole('button', { name: 'Approve version 2' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server.');
    expect(screen.getByRole('button', { name: 'Approve version 2' })).toBeEnabled();
  });

  it('follows decisions and new versions live, without leaving the version being read', async () => {
    renderUI(<Harness />);
    await screen.findByRole('heading', { name: 'Version 2' });
    versions = [datasetVersion(3), { ...versions[0]!, status: 'approved', decidedBy: 'other@demo.quorum', decidedAt: '2025-01-01T12:59:00.000Z' }, versions[1]!];
    emit('dataset-version:changed', { projectId: project.id, versionId: versions[0]!.id, status: 'candidate' });
    await screen.findByRole('button', { name: 'Version 3' });
    expect(screen.getByRole('heading', { name: 'Version 2' })).toBeVisible();
    expect(within(detail()).getByText('approved')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Approve…' })).not.toBeInTheDocument();
  });

  it('starts a merge now, and waits for its version', async () => {
    api.runMerge!.mockResolvedValue({ jobId: 'merge-dataset-x' });
    const { user } = renderUI(<Harness />);
    await screen.findByRole('heading', { name: 'Version 2' });
    await user.click(screen.getByRole('button', { name: 'Merge now' }));
    expect(api.runMerge).toHaveBeenCalledWith(project.id);
    expect(screen.getByRole('button', { name: 'Merging…' })).toBeDisabled();
    expect(screen.getByText(/Merge queued/)).toBeInTheDocument();
    emit('dataset-version:changed', { projectId: project.id, versionId: 'v3', status: 'candidate' });
    expect(screen.getByRole('button', { name: 'Merge now' })).toBeEnabled();
    // The event also refetches the list; let that land inside the test.
    await waitFor(() => expect(api.listDatasetVersions).toHaveBeenCalledTimes(2));
    await act(async () => undefined);
  });
});
