import type { ServerEvents } from '@quorum/contracts';
import { act, screen, waitFor, within } from '@testing-library/react';
import { PipelineCockpit } from '../src/engineer/cockpit/Cockpit';
import { PipelinePanel } from '../src/engineer/cockpit/PipelinePanel';
import { cockpitProject, NOW, pipeline } from './CockpitFixtures';
import { renderUI } from './render';

// The pipeline panel: stages with counts and rates, stuck work highlighted, batches, the queue
// and the way into Bull Board; and its container kept live by `stats:updated`.
jest.mock('../src/engineer/cockpit/api', () => ({ cockpitApi: { pipeline: jest.fn() } }));
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
const { cockpitApi } = jest.requireMock('../src/engineer/cockpit/api') as { cockpitApi: Record<string, jest.Mock> };

const stage = (name: string) => screen.getByRole('group', { name });
const BOARD = '/api/v1/admin/queues';

describe('PipelinePanel', () => {
  it('shows every stage in flow order with its count and rate', () => {
    renderUI(<PipelinePanel pipeline={pipeline()} now={NOW} queueBoardUrl={BOARD} />);
    const stages = within(screen.getByRole('list', { name: 'Pipeline stages' })).getAllByRole('group');
    expect(stages.map((s) => s.getAttribute('aria-label'))).toEqual(['Pooled', 'Selected', 'In labelling', 'Waiting for scoring', 'Aggregated', 'Escalated', 'Settled', 'Merged']);
    expect(within(stage('Pooled')).getByText('812,345')).toBeVisible();
    expect(within(stage('Pooled')).getByText('1,200/h ingested')).toBeVisible();
    expect(within(stage('Selected')).getByText('48/h')).toBeVisible();
    expect(within(stage('In labelling')).getByText('262/h labels')).toBeVisible();
    expect(within(stage('Waiting for scoring')).getByText('3')).toBeVisible();
    expect(within(stage('Waiting for scoring')).getByText('27 labels')).toBeVisible();
    expect(within(stage('Escalated')).getByText('2.0/h')).toBeVisible();
    expect(within(stage('Merged')).getByText('3,500')).toBeVisible();
    expect(screen.getByText(/60 gold items · 120 samples skipped as duplicates · 7 items excluded/)).toBeVisible();
    expect(within(stage('Rejected batches')).getByText('88')).toBeVisible();
    expect(screen.getByText(/updated just now/)).toBeVisible();
  });

  it('says nothing is stuck when nothing is, and highlights each kind of stuck work when it is', () => {
    const { rerender } = renderUI(<PipelinePanel pipeline={pipeline()} now={NOW} queueBoardUrl={BOARD} />);
    const stuckPanel = () => screen.getByRole('region', { name: 'Stuck work' });
    expect(within(stuckPanel()).getByText('nothing stuck')).toBeVisible();
    expect(stage('In labelling')).not.toHaveClass('flow-stage-stuck');

    rerender(
      <PipelinePanel
        pipeline={pipeline({
          stuck: {
            expiredLeases: { batches: 2, oldest: '2025-01-08T11:40:00.000Z' },
            waitingTooLong: { batches: 1, oldest: '2025-01-08T10:00:00.000Z', maxWaitMinutes: 60 },
            expiredClaims: { reviews: 0, oldest: null },
            failedJobs: 3,
          },
          queue: { waiting: 4, active: 1, delayed: 2, failed: 3, completed: 951 },
        })}
        now={NOW}
        queueBoardUrl={BOARD}
      />,
    );
    expect(within(stuckPanel()).getByText('3 to look at')).toBeVisible();
    expect(within(stuckPanel()).getByText(/batches past the lease, not yet swept/)).toBeVisible();
    expect(within(stuckPanel()).getByText(/oldest 20 min ago/)).toBeVisible();
    expect(within(stuckPanel()).getByText(/batch waiting for scoring longer than 60 min/)).toBeVisible();
    expect(within(stuckPanel()).getByRole('link', { name: 'see them in Bull Board' })).toHaveAttribute('href', BOARD);
    expect(stage('In labelling')).toHaveClass('flow-stage-stuck');
    expect(within(stage('In labelling')).getByText('stuck work')).toBeVisible();
    expect(stage('Waiting for scoring')).toHaveClass('flow-stage-stuck');
    expect(stage('Escalated')).not.toHaveClass('flow-stage-stuck');
    expect(within(stage('failed jobs')).getByText('3')).toBeVisible();
  });

  it('shows the queue with a link to Bull Board, or says it cannot be read', () => {
    const { rerender } = renderUI(<PipelinePanel pipeline={pipeline()} now={NOW} queueBoardUrl={BOARD} />);
    expect(screen.getByRole('link', { name: 'Open Bull Board' })).toHaveAttribute('href', BOARD);
    expect(within(stage('completed jobs')).getByText('951')).toBeVisible();
    rerender(<PipelinePanel pipeline={pipeline({ queue: null, stuck: { ...pipeline().stuck, failedJobs: null } })} now={NOW} queueBoardUrl={BOARD} />);
    expect(screen.getByText('The queue could not be read (is Redis up?).')).toBeVisible();
    expect(screen.getByText('failed jobs: the queue could not be read')).toBeVisible();
  });

  it('shows placeholders before the first answer', () => {
    renderUI(<PipelinePanel pipeline={undefined} now={NOW} queueBoardUrl={BOARD} />);
    expect(within(stage('Settled')).getByText('—')).toBeVisible();
    expect(screen.getAllByText('Loading…').length).toBeGreaterThan(0);
  });
});

describe('PipelineCockpit', () => {
  beforeEach(() => {
    handlers.clear();
    cockpitApi.pipeline!.mockReset();
  });

  it('refetches when the project’s stats change, once per burst, and ignores other projects', async () => {
    const next = pipeline({ stages: { ...pipeline().stages, settled: 3_990, labelling: 60 } });
    cockpitApi.pipeline!.mockResolvedValueOnce(pipeline()).mockResolvedValue(next);
    renderUI(<PipelineCockpit project={cockpitProject} now={NOW} />);
    expect(await within(await screen.findByRole('group', { name: 'Settled' })).findByText('3,954')).toBeVisible();
    expect(cockpitApi.pipeline).toHaveBeenCalledTimes(1);

    const counts = { samples: 0, selected: 0, labelling: 0, escalated: 0, settled: 0, merged: 0, gold: 0, batches: { open: 0, submitted: 0, accepted: 0, rejected: 0, expired: 0 } };
    emit('stats:updated', { projectId: 'another-project', counts });
    emit('stats:updated', { projectId: cockpitProject.id, counts });
    emit('stats:updated', { projectId: cockpitProject.id, counts });
    await waitFor(() => expect(within(stage('Settled')).getByText('3,990')).toBeVisible(), { timeout: 4000 });
    expect(within(stage('In labelling')).getByText('60')).toBeVisible();
    expect(cockpitApi.pipeline).toHaveBeenCalledTimes(2);
  });

  it('shows the error when the pipeline cannot be read', async () => {
    cockpitApi.pipeline!.mockRejectedValue(new Error('no such project'));
    renderUI(<PipelineCockpit project={cockpitProject} now={NOW} />);
    expect(await screen.findByText('no such project')).toBeVisible();
  });
});
