import type { TBatchStatus, TStageCounts } from './models';

/** Socket.io rooms. Sockets join them on connect, after the server checked role and membership. */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  labellers: (projectId: string) => `project:${projectId}:labellers`,
  experts: (projectId: string) => `project:${projectId}:experts`,
  engineers: (projectId: string) => `project:${projectId}:engineers`,
};

/** Server → client events. */
export type ServerEvents = {
  /** New items to label in a project. */
  'work:available': (e: { projectId: string }) => void;
  /** A batch of the receiving labeller was accepted, rejected or expired. */
  'batch:decided': (e: { batchId: string; projectId: string; status: TBatchStatus; reasons: string[] }) => void;
  /** The expert queue changed: a review was queued (escalated, released, or its claim expired),
   *  claimed (also when an expert undoes a decision and takes the item back) or settled (also
   *  when re-aggregation settles the item by the crowd: its queued review is then removed).
   *  claimedBy is always null: experts see another expert's claim only as 'claimed', never whose
   *  it is (the field stays for compatibility). */
  'review:changed': (e: { projectId: string; reviewId: string; status: 'queued' | 'claimed' | 'settled'; claimedBy: string | null }) => void;
  /** The receiving labeller was paused from new batches (or the pause was lifted: reason null). */
  'labeller:paused': (e: { projectId: string; reason: string | null }) => void;
  /** An engineer answered the receiving labeller's appeal (upheld: the batch is now accepted). */
  'appeal:resolved': (e: { projectId: string; batchId: string; status: 'upheld' | 'dismissed'; note: string | null }) => void;
  /** A labeller's reliability, pause or appeals changed (engineer view). */
  'labeller:changed': (e: { projectId: string; labellerId: string }) => void;
  /** Fresh stage counts for the engineer dashboard. */
  'stats:updated': (e: { projectId: string; counts: TStageCounts }) => void;
  /** A dataset version was created, approved or rejected. */
  'dataset-version:changed': (e: { projectId: string; versionId: string; status: 'candidate' | 'approved' | 'rejected' }) => void;
};

export type DomainEvent = { [K in keyof ServerEvents]: { name: K; room: string; payload: Parameters<ServerEvents[K]>[0] } }[keyof ServerEvents];
