/**
 * How many items one selection run may create. The open-item budget caps the labelling work in
 * flight: the crowd's throughput is finite, and items chosen long before anyone labels them were
 * chosen by an outdated model. The per-run cap bounds one run's transaction (and its advisory
 * lock) and paces a large budget over several runs, so later runs rank with newer predictions.
 */
export type SelectionBudget = {
  /** Most items open for labelling at once (project.open_item_budget). */
  openItemBudget: number;
  /** Items open for labelling now. */
  openItems: number;
  /** Most items one run creates (project.select_per_run). */
  selectPerRun: number;
};

/** min(budget − open, per-run cap), never below 0. */
export function selectionRoom(b: SelectionBudget): number {
  for (const [name, v] of Object.entries(b)) {
    if (!Number.isFinite(v) || v < 0) {
      throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
    }
  }
  return Math.max(0, Math.min(Math.floor(b.openItemBudget - b.openItems), Math.floor(b.selectPerRun)));
}

/**
 * How many pooled samples to read for a run with `room`: twice the room, so that a run whose top
 * candidates are partly duplicates (a few percent, typically) still fills up from one page; more
 * pages follow only while skips eat the room. Each row read costs a heap visit for its pair key,
 * so reading three or more times the room would mostly fetch rows the planner never looks at.
 */
export const SELECTION_OVERSAMPLE = 2;

export function selectionPageSize(room: number): number {
  return Math.max(50, Math.ceil(room * SELECTION_OVERSAMPLE));
}
