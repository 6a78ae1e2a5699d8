import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { VersionTimeline } from '../src/engineer/VersionTimeline';
import { datasetVersion } from './fixtures';
import { keys, renderUI } from './render';

const versions = [
  datasetVersion(3),
  datasetVersion(2, { status: 'rejected', decidedBy: 'ml@demo.quorum', decidedAt: '2025-01-01T12:30:00.000Z', decisionNote: 'leakage into test', quarantinedCount: 0 }),
  datasetVersion(1, { status: 'approved', decidedBy: 'lead@demo.quorum', decidedAt: '2025-01-01T12:20:00.000Z', decisionNote: null }),
];
// v3 builds on v1: the rejected v2 is no one's parent.
versions[0]!.parentId = versions[2]!.id;
const now = Date.parse('2025-01-01T13:00:00.000Z');

function Harness({ onSelect = () => undefined }: { onSelect?: (id: string) => void }) {
  const [selected, setSelected] = useState(versions[0]!.id);
  return (
    <VersionTimeline
      versions={versions}
      selectedId={selected}
      onSelect={(id) => {
        setSelected(id);
        onSelect(id);
      }}
      now={now}
    />
  );
}
const entry = (n: number) => screen.getByRole('button', { name: `Version ${n}` }).closest('li')!;

describe('VersionTimeline', () => {
  it('lists versions newest first, each status named and marked', () => {
    renderUI(<Harness />);
    const items = within(screen.getByRole('list', { name: /Dataset versions/ })).getAllByRole('listitem');
    expect(items.map((li) => within(li).getAllByRole('button')[0]!.textContent)).toEqual(['Version 3', 'Version 2', 'Version 1']);
    expect(within(entry(3)).getByText('candidate')).toBeVisible();
    expect(within(entry(2)).getByText('rejected')).toBeVisible();
    expect(within(entry(1)).getByText('approved')).toBeVisible();
    expect(entry(3)).toHaveClass('timeline-candidate');
    expect(entry(2)).toHaveClass('timeline-rejected');
    expect(entry(1)).toHaveClass('timeline-approved');
    expect(screen.getByRole('button', { name: 'Version 3' })).toHaveAttribute('aria-current', 'true');
  });

  it('shows rows, +added / −removed / relabelled, quarantined, created, the short hash and the parent', () => {
    renderUI(<Harness />);
    const v3 = within(entry(3));
    expect(entry(3)).toHaveTextContent('300 rows');
    expect(v3.getByText('+120')).toBeVisible();
    expect(v3.getByText('−4')).toBeVisible();
    expect(v3.getByText('7 relabelled')).toBeVisible();
    expect(v3.getByText('6 quarantined')).toBeVisible();
    expect(v3.getByText('1 h ago')).toBeVisible();
    expect(v3.getByText('9f86d081884c')).toHaveAttribute('title', versions[0]!.contentHash);
    expect(v3.getByRole('button', { name: 'Open the parent, version 1' })).toHaveTextContent('from v1');
    expect(within(entry(1)).getByText('first version')).toBeVisible();
    expect(within(entry(2)).queryByText(/quarantined/)).not.toBeInTheDocument();
  });

  it('says who decided, when, and why', () => {
    renderUI(<Harness />);
    expect(entry(2)).toHaveTextContent('Rejected by ml@demo.quorum 30 min ago“leakage into test”');
    expect(entry(1)).toHaveTextContent('Approved by lead@demo.quorum 40 min ago');
    expect(within(entry(3)).queryByText(/Approved|Rejected/)).not.toBeInTheDocument();
  });

  it('copies the full content hash', async () => {
    const { user } = renderUI(<Harness />);
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const copy = within(entry(3)).getByRole('button', { name: 'Copy the content hash of version 3' });
    await user.click(copy);
    expect(writeText).toHaveBeenCalledWith(versions[0]!.contentHash);
    expect(copy).toHaveTextContent('Copied');
  });

  it('selects by click, by the parent link, and with ↑/↓ from the keyboard', async () => {
    const onSelect = jest.fn();
    const { user } = renderUI(<Harness onSelect={onSelect} />);
    await user.click(within(entry(3)).getByRole('button', { name: 'Open the parent, version 1' }));
    expect(onSelect).toHaveBeenLastCalledWith(versions[2]!.id);
    expect(screen.getByRole('button', { name: 'Version 1' })).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('button', { name: 'Version 1' })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(onSelect).toHaveBeenLastCalledWith(versions[1]!.id);
    expect(screen.getByRole('button', { name: 'Version 2' })).toHaveFocus();
    await user.keyboard(keys.down);
    expect(onSelect).toHaveBeenLastCalledWith(versions[2]!.id);
    await user.click(within(entry(3)).getByText('7 relabelled'));
    expect(onSelect).toHaveBeenLastCalledWith(versions[0]!.id);
  });

  it('says so when there is nothing yet', () => {
    renderUI(<VersionTimeline versions={[]} selectedId={null} onSelect={() => undefined} now={now} />);
    expect(screen.getByText(/No versions yet/)).toBeVisible();
  });
});
