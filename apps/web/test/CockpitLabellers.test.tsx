import { screen, waitFor, within } from '@testing-library/react';
import { LabellersCockpit } from '../src/engineer/cockpit/LabellersCockpit';
import { LabellerTable } from '../src/engineer/cockpit/LabellerTable';
import { Pager } from '../src/engineer/cockpit/Pager';
import { cockpitLabeller, cockpitProject, NOW } from './CockpitFixtures';
import { engineerBatch } from './fixtures';
import { renderUI } from './render';

// The labellers panel: a server-sorted, paged table with sparklines, throughput, outcomes, pause
// and appeals; a click drills into the labeller's batches with their evidence.
jest.mock('../src/engineer/cockpit/api', () => ({ cockpitApi: { labellers: jest.fn() } }));
jest.mock('../src/api/endpoints', () => ({ api: { listLabellerBatches: jest.fn(), unpauseLabeller: jest.fn(), overrideBatch: jest.fn(), reviewAgreement: jest.fn() } }));
jest.mock('../src/socket', () => ({ useSocketEvent: () => undefined, useOnReconnect: () => undefined }));
const { cockpitApi } = jest.requireMock('../src/engineer/cockpit/api') as { cockpitApi: Record<string, jest.Mock> };
const { api } = jest.requireMock('../src/api/endpoints') as { api: Record<string, jest.Mock> };

const query = { sort: 'name', order: 'asc', page: 1, pageSize: 25 } as const;
const row = (name: string) => screen.getByRole('row', { name: new RegExp(name) });

describe('LabellerTable', () => {
  const labellers = [
    cockpitLabeller(1),
    cockpitLabeller(2, { pausedAt: '2025-01-08T10:00:00.000Z', pauseReason: '2 of your last 3 batches were rejected', openAppeals: 1, reliability: null, trend: [], labelsLastHour: 0, lastActiveAt: null }),
  ];

  it('shows reliability with its interval, a trend sparkline, throughput, outcomes, state and appeals', () => {
    renderUI(<LabellerTable labellers={labellers} query={query} onSort={() => {}} selectedId={null} onSelect={() => {}} onUnpause={() => {}} now={NOW} />);
    const r1 = within(row('Labeller 1'));
    expect(r1.getByText('90%')).toBeVisible();
    expect(r1.getByText('84%–95%')).toBeVisible();
    expect(r1.getByRole('img', { name: /Accuracy trend of Labeller 1: 80% → 90% over 3 estimates/ })).toBeInTheDocument();
    expect(r1.getByText('31')).toBeVisible();
    expect(r1.getByText('201 in 24 h')).toBeVisible();
    expect(r1.getByText('12')).toBeVisible();
    expect(r1.getByText('Active')).toBeVisible();
    expect(r1.getByText('10 min ago')).toBeVisible();
    const r2 = within(row('Labeller 2'));
    expect(r2.getByText('no estimate yet')).toBeVisible();
    expect(r2.getByText('Paused')).toBeVisible();
    expect(r2.getByText('2 of your last 3 batches were rejected')).toBeVisible();
    expect(r2.getByLabelText('1 open appeals')).toBeVisible();
    expect(r2.getByText('never')).toBeVisible();
  });

  it('marks the sorted column and asks the server for another order on a click', async () => {
    const onSort = jest.fn();
    const { user, rerender } = renderUI(<LabellerTable labellers={labellers} query={query} onSort={onSort} selectedId={null} onSelect={() => {}} onUnpause={() => {}} now={NOW} />);
    expect(screen.getByRole('columnheader', { name: /Labeller/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: /Reliability/ })).not.toHaveAttribute('aria-sort');
    // Numbers start biggest first; the sorted column flips.
    await user.click(screen.getByRole('button', { name: /Reliability/ }));
    expect(onSort).toHaveBeenLastCalledWith('reliability', 'desc');
    await user.click(screen.getByRole('button', { name: 'Labeller' }));
    expect(onSort).toHaveBeenLastCalledWith('name', 'desc');
    rerender(<LabellerTable labellers={labellers} query={{ ...query, sort: 'throughput', order: 'desc' }} onSort={onSort} selectedId={null} onSelect={() => {}} onUnpause={() => {}} now={NOW} />);
    expect(screen.getByRole('columnheader', { name: /Labels\/h/ })).toHaveAttribute('aria-sort', 'descending');
  });

  it('selects a labeller and unpauses through the callbacks', async () => {
    const onSelect = jest.fn();
    const onUnpause = jest.fn();
    const { user } = renderUI(<LabellerTable labellers={labellers} query={query} onSort={() => {}} selectedId={null} onSelect={onSelect} onUnpause={onUnpause} now={NOW} />);
    await user.click(screen.getByRole('button', { name: 'Labeller 1' }));
    expect(onSelect).toHaveBeenCalledWith(labellers[0]!.id);
    await user.click(within(row('Labeller 2')).getByRole('button', { name: 'Unpause' }));
    expect(onUnpause).toHaveBeenCalledWith(labellers[1]!.id);
    expect(onSelect).toHaveBeenCalledTimes(1);
  });
});

describe('Pager', () => {
  it('says which rows are shown and moves between pages', async () => {
    const onPage = jest.fn();
    const { user } = renderUI(<Pager page={2} pageSize={25} total={500} what="labellers" onPage={onPage} />);
    expect(screen.getByText('26–50 of 500 labellers')).toBeVisible();
    expect(screen.getByText('Page 2 of 20')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(onPage).toHaveBeenCalledWith(3);
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(onPage).toHaveBeenCalledWith(1);
  });

  it('cannot go before the first page or past the last', () => {
    renderUI(<Pager page={1} pageSize={25} total={10} what="labellers" onPage={() => {}} />);
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });
});

describe('LabellersCockpit', () => {
  beforeEach(() => {
    for (const fn of [...Object.values(cockpitApi), ...Object.values(api)]) fn.mockReset();
  });

  it('asks the server for the next page and another order, and drills into a labeller’s evidence', async () => {
    const page = (n: number) => ({ labellers: [cockpitLabeller(n), cockpitLabeller(n + 1)], total: 60, page: 1, pageSize: 25 });
    cockpitApi.labellers!.mockImplementation(async (_p: string, q: { page: number }) => page(q.page * 10));
    api.listLabellerBatches!.mockResolvedValue([engineerBatch(1)]);
    const { user } = renderUI(<LabellersCockpit project={cockpitProject} now={NOW} />);
    expect(await screen.findByRole('button', { name: 'Labeller 10' })).toBeVisible();
    expect(cockpitApi.labellers).toHaveBeenLastCalledWith(cockpitProject.id, { sort: 'name', order: 'asc', page: 1, pageSize: 25 });

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('button', { name: 'Labeller 20' })).toBeVisible();
    await user.click(screen.getByRole('button', { name: /Rejected/ }));
    await waitFor(() => expect(cockpitApi.labellers).toHaveBeenLastCalledWith(cockpitProject.id, { sort: 'rejected', order: 'desc', page: 1, pageSize: 25 }));

    await user.click(await screen.findByRole('button', { name: 'Labeller 10' }));
    expect(await screen.findByRole('heading', { name: /Batches of Labeller 10/ })).toBeVisible();
    expect(api.listLabellerBatches).toHaveBeenCalledWith(cockpitProject.id, cockpitLabeller(10).id);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('heading', { name: /Batches of Labeller 10/ })).toBeNull();
  });

  it("shows the fitted confusion matrix in the drill-in and every expert's agreement with the crowd", async () => {
    const model = { labels: ['match', 'no_match'], confusion: [[0.95, 0.05], [0.2, 0.8]], accuracy: 0.88, labelsFitted: 40, fittedAt: '2025-01-08T11:00:00.000Z' };
    cockpitApi.labellers!.mockResolvedValue({ labellers: [cockpitLabeller(1, { model })], total: 1, page: 1, pageSize: 25 });
    api.listLabellerBatches!.mockResolvedValue([]);
    const figures = { decisions: 12, ambiguous: 1, invalid: 1, comparable: 10, agreed: 8, share: 0.8 };
    api.reviewAgreement!.mockResolvedValue({ project: figures, experts: [{ expertId: '00000000-0000-4000-8000-0000000000e1', displayName: 'Ada Expert', isMe: false, ...figures }] });
    const { user } = renderUI(<LabellersCockpit project={cockpitProject} now={NOW} />);
    expect(await within(await screen.findByRole('row', { name: /Ada Expert/ })).findByText('8 of 10')).toBeVisible();
    await user.click(await screen.findByRole('button', { name: 'Labeller 1' }));
    const matrix = await screen.findByRole('table', { name: /Rows: the true label/ });
    expect(within(matrix).getAllByRole('cell').map((c) => c.textContent)).toEqual(['95%', '5%', '20%', '80%']);
  });

  it('unpauses a labeller and reloads the page', async () => {
    cockpitApi.labellers!.mockResolvedValueOnce({ labellers: [cockpitLabeller(1, { pausedAt: '2025-01-08T10:00:00.000Z', pauseReason: 'evidence' })], total: 1, page: 1, pageSize: 25 });
    cockpitApi.labellers!.mockResolvedValue({ labellers: [cockpitLabeller(1)], total: 1, page: 1, pageSize: 25 });
    api.unpauseLabeller!.mockResolvedValue({});
    const { user } = renderUI(<LabellersCockpit project={cockpitProject} now={NOW} />);
    await user.click(await screen.findByRole('button', { name: 'Unpause' }));
    expect(api.unpauseLabeller).toHaveBeenCalledWith(cockpitProject.id, cockpitLabeller(1).id);
    expect(await within(row('Labeller 1')).findByText('Active')).toBeVisible();
  });
});
