import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { stagingCopy, stagingMerge, type MergeCounts, type MergeState } from './staging';

/**
 * Feeds COPY text into the staging table and merges it into `sample` every BATCH_ROWS rows, all
 * on the request's one connection and transaction. While PostgreSQL merges a batch the request
 * keeps being read and checked into a bounded buffer (PENDING_MAX_CHARS), so parsing in Node and
 * merging in PostgreSQL overlap instead of taking turns; when the buffer is full the upload waits
 * (backpressure), so memory is bounded whatever the body's size.
 */

/** Rows per merge: large enough that a statement's fixed cost vanishes, small enough to overlap. */
export const BATCH_ROWS = 50_000;
/** COPY text held while a merge runs: about one batch of typical samples. */
const PENDING_MAX_CHARS = 32 * 1024 * 1024;

/** COPY lines, how many, and whether any has a gold label / how many have a seen id. */
export type Batch = { text: string; rows: number; gold: boolean; seen: number };

export class StagedWriter {
  readonly counts: MergeCounts = { superseded: 0, inserted: 0, updated: 0, gold: 0 };
  readonly state: MergeState = { hadSamples: null, merges: 0, timings: {} };
  private copy: Writable | null;
  private staged = 0;
  private stagedGold = false;
  private stagedSeen = 0;
  private pending: Batch[] = [];
  private pendingChars = 0;
  private merging: Promise<void> | null = null;
  private failed: Error | null = null;

  constructor(
    private readonly client: PoolClient,
    private readonly projectId: string,
  ) {
    this.copy = this.openCopy();
  }

  async write(batch: Batch): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.merging) {
      this.pending.push(batch);
      this.pendingChars += batch.text.length;
      if (this.pendingChars >= PENDING_MAX_CHARS) await this.merging;
      return;
    }
    await this.toCopy(batch);
    if (this.staged >= BATCH_ROWS) this.startMerge(true);
  }

  /** Merges what is left and leaves the connection free for the commit; the counts are final. */
  async end(): Promise<MergeCounts> {
    while (this.merging) await this.merging;
    if (this.failed) throw this.failed;
    if (this.staged > 0) {
      this.startMerge(false);
      await this.merging;
    } else {
      await this.endCopy();
    }
    return this.counts;
  }

  /** For a request that will roll back: waits for a running merge, then closes the COPY so the
   *  connection can take the ROLLBACK. */
  async abort(): Promise<void> {
    while (this.merging) await this.merging.catch(() => {});
    if (this.failed) throw this.failed;
    await this.endCopy();
  }

  private openCopy(): Writable {
    const copy = stagingCopy(this.client);
    // Errors surface through copy.errored and the awaits below; an unheard 'error' event would crash.
    copy.on('error', () => {});
    return copy;
  }

  private async toCopy(batch: Batch): Promise<void> {
    const copy = this.copy!;
    if (copy.errored) throw copy.errored;
    if (!copy.write(batch.text)) await once(copy, 'drain');
    this.staged += batch.rows;
    this.stagedGold ||= batch.gold;
    this.stagedSeen += batch.seen;
  }

  private async endCopy(): Promise<void> {
    const copy = this.copy;
    this.copy = null;
    if (!copy) return;
    if (copy.errored) throw copy.errored;
    copy.end();
    await once(copy, 'finish');
  }

  /** Runs a merge in the background; its failure is kept and rethrown by the next call. */
  private startMerge(reopen: boolean): void {
    const run = this.mergeBatch(reopen).catch((err: unknown) => {
      this.failed = err instanceof Error ? err : new Error(String(err));
      throw this.failed;
    });
    run.catch(() => {});
    this.merging = run;
  }

  /** Ends the COPY and merges the batch; with `reopen`, opens the next COPY and moves the pending text into it. */
  private async mergeBatch(reopen: boolean): Promise<void> {
    try {
      await this.endCopy();
      const c = await stagingMerge(this.client, this.projectId, this.state, { gold: this.stagedGold, seen: this.stagedSeen });
      this.counts.superseded += c.superseded;
      this.counts.inserted += c.inserted;
      this.counts.updated += c.updated;
      this.counts.gold += c.gold;
      this.staged = 0;
      this.stagedGold = false;
      this.stagedSeen = 0;
      if (!reopen) return;
      this.copy = this.openCopy();
      while (this.pending.length > 0) {
        const p = this.pending.shift()!;
        this.pendingChars -= p.text.length;
        await this.toCopy(p);
      }
    } finally {
      this.merging = null;
    }
    if (this.staged >= BATCH_ROWS) this.startMerge(true);
  }
}
