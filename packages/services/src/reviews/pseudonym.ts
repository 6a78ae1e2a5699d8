import { createHmac } from 'node:crypto';

/**
 * How experts see a crowd voter: "Labeller 7F3A9C". An HMAC keyed with the project's secret
 * pseudonym key, so the same labeller reads the same across a project's items (experts can
 * notice a voter who keeps disagreeing), differently in another project, and nobody without
 * the key can test a guessed user id against it. 24 bits: two voters of one item share a
 * pseudonym with odds of about one in a million.
 */
export function voterPseudonym(pseudonymKey: string, projectId: string, labellerId: string): string {
  const mac = createHmac('sha256', pseudonymKey).update(`${projectId}:${labellerId}`).digest('hex');
  return `Labeller ${mac.slice(0, 6).toUpperCase()}`;
}
