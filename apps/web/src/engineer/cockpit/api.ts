import type { COCKPIT_LABELLER_SORTS } from '@quorum/contracts';
import { call } from '../../api/client';

export type LabellerSort = (typeof COCKPIT_LABELLER_SORTS)[number];
export type LabellerQuery = { sort: LabellerSort; order: 'asc' | 'desc'; page: number; pageSize: number };

/** The cockpit's reads and the project settings it edits, one wrapper per use. */
export const cockpitApi = {
  pipeline: (projectId: string) => call('cockpitPipeline', { params: { projectId } }),
  quality: (projectId: string, days = 30) => call('cockpitQuality', { params: { projectId }, query: { days } }),
  labellers: (projectId: string, q: LabellerQuery) => call('cockpitLabellers', { params: { projectId }, query: q }),
  cost: (projectId: string) => call('cockpitCost', { params: { projectId } }),
  getProject: (projectId: string) => call('getProject', { params: { projectId } }).then((r) => r.project),
  createProject: (body: ProjectSettings & { name: string }) => call('createProject', { body }).then((r) => r.project),
  updateProject: (projectId: string, body: ProjectSettings) => call('updateProject', { params: { projectId }, body }).then((r) => r.project),
};

/** Settings as the form sends them: any subset of the project's configuration. */
export type ProjectSettings = Partial<{
  name: string;
  labels: string[];
  overlap: number;
  batchSize: number;
  goldRatio: number;
  aggregationMethod: 'dawid-skene' | 'weighted' | 'majority';
  escalateBelowPosterior: number;
  openItemBudget: number;
  selectionStrategy: 'least_confidence' | 'margin' | 'entropy' | 'variance' | 'bald';
  selectPerRun: number;
  leaseMinutes: number;
  maxWaitMinutes: number;
  minAccuracy: number;
  acceptBelow: number;
  rejectAbove: number;
}>;
