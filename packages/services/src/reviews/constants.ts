/** How long a claim holds without renewal; an abandoned claim returns to the queue after it.
 *  The web app renews it every few minutes while the expert is active. */
export const REVIEW_CLAIM_MINUTES = 10;

/** How long an expert may undo a decision. Long enough to catch a slip of the keyboard, short
 *  enough that the merge (every 10 minutes by default) rarely has to wait for it. */
export const REVIEW_UNDO_MINUTES = 5;
