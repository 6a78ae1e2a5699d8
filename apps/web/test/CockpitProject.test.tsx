import type { TProject } from '@quorum/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../src/api/errors';
import { ProjectCockpit } from '../src/engineer/cockpit/ProjectCockpit';
import { ProjectSettingsForm } from '../src/engineer/cockpit/ProjectSettingsForm';
import { projectDefaults } from '../src/engineer/cockpit/projectFields';
import { cockpitProject, NOW } from './CockpitFixtures';
import { renderUI } from './render';

// Creating and configuring a project: defaults, checks in the browser, the API's 400 details
// shown under the field they name, only changed settings sent; and the API tokens beside them.
jest.mock('../src/engineer/cockpit/api', () => ({ cockpitApi: { getProject: jest.fn(), updateProject: jest.fn(), createProject: jest.fn() } }));
jest.mock('../src/api/endpoints', () => ({ api: { listTokens: jest.fn(), createToken: jest.fn(), revokeToken: jest.fn(), me: jest.fn() } }));
const { cockpitApi } = jest.requireMock('../src/engineer/cockpit/api') as { cockpitApi: Record<string, jest.Mock> };
const { api } = jest.requireMock('../src/api/endpoints') as { api: Record<string, jest.Mock> };

const badRequest = (field: string, message: string) => new ApiError(400, 'bad_request', `${field}: ${message}`, field, [{ field, message }]);

const project: TProject = {
  ...cockpitProject,
  overlap: 5,
  batchSize: 10,
  goldRatio: 0.1,
  aggregationMethod: 'dawid-skene',
  escalateBelowPosterior: 0.9,
  openItemBudget: 100,
  selectionStrategy: 'entropy',
  selectPerRun: 500,
  leaseMinutes: 15,
  maxTextLength: 10_000,
  minAccuracy: 0.7,
  rejectAbove: 0.9,
  acceptBelow: 0.3,
  maxWaitMinutes: 60,
  readingTimeScale: 1,
  goldFromConsensus: false,
  splitRatios: { train: 0.8, dev: 0.1, test: 0.1 },
  nearDuplicateThreshold: 0.9,
  labelDriftThreshold: 0.1,
  symmetricPairs: false,
  createdAt: '2025-01-01T12:00:00.000Z',
};

describe('ProjectSettingsForm', () => {
  it('starts a new project from the defaults and sends name, labels and settings', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    const { user } = renderUI(<ProjectSettingsForm mode="create" initial={projectDefaults()} submitLabel="Create project" onSubmit={onSubmit} />);
    expect(screen.getByLabelText('Labels per item')).toHaveValue(5);
    expect(screen.getByLabelText('Batch size')).toHaveValue(10);
    expect(screen.getByLabelText('Selection strategy')).toHaveValue('entropy');
    expect(screen.getByText(/1–20, default 5\./)).toBeVisible();
    await user.type(screen.getByLabelText('Name'), 'Pet sitting');
    await user.clear(screen.getByLabelText('Labels per item'));
    await user.type(screen.getByLabelText('Labels per item'), '3');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'Pet sitting', labels: ['match', 'no_match'], overlap: 3, batchSize: 10, selectionStrategy: 'entropy' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Project created.');
  });

  it('refuses a missing name and a number that is not one before asking the server', async () => {
    const onSubmit = jest.fn();
    const { user } = renderUI(<ProjectSettingsForm mode="create" initial={projectDefaults()} submitLabel="Create project" onSubmit={onSubmit} />);
    await user.clear(screen.getByLabelText('Batch size'));
    await user.type(screen.getByLabelText('Batch size'), '2.5');
    await user.click(screen.getByRole('button', { name: 'Create project' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('name is required')).toBeVisible();
    expect(screen.getByLabelText('Batch size')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Batch size')).toHaveAccessibleDescription('batchSize must be a whole number');
  });

  it("shows the API's 400 under the field it names", async () => {
    const onSubmit = jest.fn().mockRejectedValue(badRequest('overlap', 'overlap must be at most 20'));
    const { user } = renderUI(<ProjectSettingsForm mode="edit" initial={projectDefaults()} submitLabel="Save settings" onSubmit={onSubmit} />);
    await user.clear(screen.getByLabelText('Labels per item'));
    await user.type(screen.getByLabelText('Labels per item'), '50');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('overlap must be at most 20')).toBeVisible();
    expect(screen.getByLabelText('Labels per item')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Batch size')).not.toHaveAttribute('aria-invalid');
  });

  it('sends only what changed, and says so when nothing did', async () => {
    const onSubmit = jest.fn().mockResolvedValue(undefined);
    const { user } = renderUI(<ProjectSettingsForm mode="edit" initial={projectDefaults()} labels={['match', 'no_match']} submitLabel="Save settings" onSubmit={onSubmit} />);
    expect(screen.getByText(/Labels: match, no_match \(fixed once the project exists\)/)).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing changed.');
    await user.selectOptions(screen.getByLabelText('Selection strategy'), 'margin');
    await user.clear(screen.getByLabelText('Escalate below posterior'));
    await user.type(screen.getByLabelText('Escalate below posterior'), '0.95');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSubmit).toHaveBeenCalledWith({ selectionStrategy: 'margin', escalateBelowPosterior: 0.95 });
  });
});

describe('ProjectCockpit', () => {
  beforeEach(() => {
    for (const fn of [...Object.values(cockpitApi), ...Object.values(api)]) fn.mockReset();
    cockpitApi.getProject!.mockResolvedValue(project);
    api.listTokens!.mockResolvedValue([{ id: '00000000-0000-4000-8000-000000000777', name: 'ci ingest', createdAt: '2025-01-01T12:00:00.000Z', lastUsedAt: null }]);
  });

  it("loads the project's settings, saves a change with PATCH, and lists the API tokens", async () => {
    cockpitApi.updateProject!.mockResolvedValue({ ...project, batchSize: 20 });
    const { user } = renderUI(<ProjectCockpit project={cockpitProject} now={NOW} />);
    const settings = within(await screen.findByRole('form', { name: 'Project settings' }));
    expect(settings.getByLabelText('Batch size')).toHaveValue(10);
    await user.clear(settings.getByLabelText('Batch size'));
    await user.type(settings.getByLabelText('Batch size'), '20');
    await user.click(settings.getByRole('button', { name: 'Save settings' }));
    expect(cockpitApi.updateProject).toHaveBeenCalledWith(cockpitProject.id, { batchSize: 20 });
    await waitFor(() => expect(settings.getByLabelText('Batch size')).toHaveValue(20));
    expect(await screen.findByText('ci ingest')).toBeVisible();
  });

  it('creates a project and offers to open it', async () => {
    cockpitApi.createProject!.mockResolvedValue({ ...project, id: '00000000-0000-4000-8000-000000000901', name: 'Pet sitting' });
    const { user } = renderUI(<ProjectCockpit project={cockpitProject} now={NOW} />);
    await user.click(screen.getByRole('button', { name: 'New project…' }));
    const create = within(screen.getByRole('form', { name: 'New project' }));
    await user.type(create.getByLabelText('Name'), 'Pet sitting');
    await user.click(create.getByRole('button', { name: 'Create project' }));
    expect(cockpitApi.createProject).toHaveBeenCalledWith(expect.objectContaining({ name: 'Pet sitting', overlap: 5 }));
    expect(await screen.findByText(/Project “Pet sitting” created/)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Open it' })).toBeVisible();
    expect(screen.queryByRole('form', { name: 'New project' })).toBeNull();
  });

  it('shows an unknown label error from the API under the labels', async () => {
    cockpitApi.createProject!.mockRejectedValue(badRequest('labels.1', 'a label may only contain letters, digits, "_" and "-"'));
    const { user } = renderUI(<ProjectCockpit project={cockpitProject} now={NOW} />);
    await user.click(screen.getByRole('button', { name: 'New project…' }));
    const create = within(screen.getByRole('form', { name: 'New project' }));
    await user.type(create.getByLabelText('Name'), 'x');
    await user.clear(create.getByLabelText('Labels'));
    await user.type(create.getByLabelText('Labels'), 'yes, no way');
    await user.click(create.getByRole('button', { name: 'Create project' }));
    expect(await create.findByText('a label may only contain letters, digits, "_" and "-"')).toBeVisible();
    expect(create.getByLabelText('Labels')).toHaveAttribute('aria-invalid', 'true');
  });
});
