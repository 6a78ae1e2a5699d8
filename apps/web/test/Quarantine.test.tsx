import { screen, waitFor, within } from '@testing-library/react';
import { ApiError } from '../src/api/errors';
import type { QuarantinedRow } from '../src/engineer/datasetTypes';
import { QuarantineView } from '../src/engineer/QuarantineView';
import { useQuarantine } from '../src/engineer/useEngineerData';
import { quarantinedRow } from './fixtures';
import { renderUI } from './render';

jest.mock('../src/api/endpoints', () => ({ api: { listQuarantine: jest.fn(), releaseQuarantined: jest.fn(), fixQuarantined: jest.fn() } }));
jest.mock('../src/socket', () => ({ useSocketEvent: () => undefined, useOnReconnect: () => undefined }));
const { api } = jest.requireMock('../src/api/endpoints') as { api: Record<string, jest.Mock> };

const project = { id: '00000000-0000-4000-8000-000000000900', name: 'Demo', labels: ['match', 'no_match'], batchSize: 10 };
let rows: QuarantinedRow[];

function Harness() {
  const open = useQuarantine(project.id, 'open');
  const count = (open.data ?? []).filter((r) => r.status === 'open').length;
  return (
    <>
      <output aria-label="Open rows">{count}</output>
      <QuarantineView project={project} open={open} now={Date.parse('2025-01-01T13:00:00.000Z')} />
    </>
  );
}
const card = (externalId: string) => screen.getByRole('article', { name: `Quarantined row ${externalId}` });

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  rows = [
    quarantinedRow(1),
    quarantinedRow(2, { textA: 'Need a cleaner', textB: 'Cleaning services', label: 'maybe', codes: ['unknown_label', 'duplicate'], reason: "label 'maybe' is not in the label set; the same pair is already in the parent" }),
    quarantinedRow(3, { textB: '   ', codes: ['empty_text'], reason: 'textB is empty or only whitespace' }),
  ];
  api.listQuarantine!.mockImplementation(async (_p: string, status: string) => (status === 'open' ? rows : [quarantinedRow(9, { status: 'released' })]));
});

describe('QuarantineView', () => {
  it('lists open rows with their reasons, codes, texts and label', async () => {
    renderUI(<Harness />);
    const c2 = within(await screen.findByRole('article', { name: 'Quarantined row q-2' }));
    expect(c2.getByText('unknown label')).toBeVisible();
    expect(c2.getByText('duplicate')).toBeVisible();
    expect(c2.getByText(/not in the label set; the same pair/)).toBeVisible();
    expect(c2.getByText('Need a cleaner')).toBeVisible();
    expect(c2.getByText('version 2 · 1 h ago')).toBeVisible();
    expect(c2.getByText('maybe · not in the label set')).toBeVisible();
    // A blank text says so rather than showing an empty box.
    expect(within(card('q-3')).getByText('only whitespace (3 characters)')).toBeVisible();
    expect(screen.getByLabelText('Open rows')).toHaveTextContent('3');
  });

  it('releases a row with a note; it stays in place marked released', async () => {
    api.releaseQuarantined!.mockImplementation(async (id: string, note: string) => ({
      ...rows[0]!,
      id,
      status: 'released',
      details: { ...rows[0]!.details, note, decidedBy: 'Eng One', decidedAt: '2025-01-01T12:59:00.000Z' },
    }));
    const { user } = renderUI(<Harness />);
    await screen.findByRole('article', { name: 'Quarantined row q-1' });
    await user.click(within(card('q-1')).getByRole('button', { name: 'Release q-1…' }));
    await user.type(within(card('q-1')).getByRole('textbox', { name: /Note/ }), 'a repost by the same customer, keep both');
    await user.click(within(card('q-1')).getByRole('button', { name: 'Release row' }));
    expect(api.releaseQuarantined).toHaveBeenCalledWith(rows[0]!.id, 'a repost by the same customer, keep both');
    await waitFor(() => expect(within(card('q-1')).getByText('released')).toBeVisible());
    expect(card('q-1')).toHaveTextContent('Released by Eng One 1 min ago“a repost by the same customer, keep both” · goes into the next merge');
    expect(within(card('q-1')).queryByRole('button', { name: /Release/ })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Open rows')).toHaveTextContent('2');
  });

  it('fixes a row: the label from the project’s labels, the texts, only what changed is sent', async () => {
    api.fixQuarantined!.mockImplementation(async (id: string) => ({ ...rows[1]!, id, status: 'fixed' }));
    const { user } = renderUI(<Harness />);
    await screen.findByRole('article', { name: 'Quarantined row q-2' });
    await user.click(within(card('q-2')).getByRole('button', { name: 'Fix q-2…' }));
    const form = within(card('q-2')).getByRole('form', { name: 'Fix the row' });
    const label = within(form).getByRole('combobox', { name: 'Label' });
    expect(within(label).getAllByRole('option').map((o) => o.textContent)).toEqual(['maybe (not in the label set) — pick one', 'Match', 'No match']);
    await user.click(within(form).getByRole('button', { name: 'Save fix' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Nothing changed');
    expect(api.fixQuarantined).not.toHaveBeenCalled();
    await user.selectOptions(label, 'No match');
    await user.type(within(form).getByRole('textbox', { name: 'Text B' }), ', weekly');
    await user.click(within(form).getByRole('button', { name: 'Save fix' }));
    expect(api.fixQuarantined).toHaveBeenCalledWith(rows[1]!.id, { label: 'no_match', textB: 'Cleaning services, weekly' });
    await waitFor(() => expect(within(card('q-2')).getByText('fixed')).toBeVisible());
  });

  it('shows each of the server’s validation errors under the field it names', async () => {
    // As the API answers: the first problem in message and field, every problem in details.
    const details = [
      { field: 'textA', message: 'textA is empty or only whitespace' },
      { field: 'textB', message: 'textB is longer than 2000 characters' },
    ];
    api.fixQuarantined!.mockRejectedValueOnce(new ApiError(400, 'bad_request', 'textA: textA is empty or only whitespace', 'textA', details));
    const { user } = renderUI(<Harness />);
    await screen.findByRole('article', { name: 'Quarantined row q-3' });
    await user.click(within(card('q-3')).getByRole('button', { name: 'Fix q-3…' }));
    const form = within(card('q-3')).getByRole('form', { name: 'Fix the row' });
    await user.clear(within(form).getByRole('textbox', { name: 'Text A' }));
    await user.click(within(form).getByRole('button', { name: 'Save fix' }));
    const textA = within(form).getByRole('textbox', { name: 'Text A' });
    const textB = within(form).getByRole('textbox', { name: 'Text B' });
    await waitFor(() => expect(textA).toHaveAttribute('aria-invalid', 'true'));
    expect(textA).toHaveAccessibleDescription('textA is empty or only whitespace');
    expect(textB).toHaveAccessibleDescription('textB is longer than 2000 characters');
    expect(within(form).getByRole('combobox', { name: 'Label' })).not.toHaveAttribute('aria-invalid');
    expect(within(form).getByRole('button', { name: 'Save fix' })).toBeEnabled();
  });

  it('offers only Fix for an invalid value, which cannot be released as it is', async () => {
    renderUI(<Harness />);
    const c3 = within(await screen.findByRole('article', { name: 'Quarantined row q-3' }));
    expect(c3.queryByRole('button', { name: /Release/ })).not.toBeInTheDocument();
    expect(c3.getByRole('button', { name: 'Fix q-3…' })).toBeVisible();
    expect(c3.getByText(/cannot go in as it is: fix it/)).toBeVisible();
  });

  it('shows an error that names no field above the buttons', async () => {
    api.releaseQuarantined!.mockRejectedValueOnce(new ApiError(409, 'conflict', 'row is already released'));
    const { user } = renderUI(<Harness />);
    await screen.findByRole('article', { name: 'Quarantined row q-1' });
    await user.click(within(card('q-1')).getByRole('button', { name: 'Release q-1…' }));
    await user.click(within(card('q-1')).getByRole('button', { name: 'Release row' }));
    expect(await within(card('q-1')).findByRole('alert')).toHaveTextContent('row is already released');
  });

  it('shows released, fixed or all rows on request', async () => {
    const { user } = renderUI(<Harness />);
    await screen.findByRole('article', { name: 'Quarantined row q-1' });
    await user.click(screen.getByRole('button', { name: 'Released' }));
    expect(await screen.findByRole('article', { name: 'Quarantined row q-9' })).toBeVisible();
    expect(api.listQuarantine).toHaveBeenLastCalledWith(project.id, 'released');
    expect(within(card('q-9')).queryByRole('button', { name: /Fix/ })).not.toBeInTheDocument();
  });
});
