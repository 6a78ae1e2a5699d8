import { entropyNormalised } from '../entropy';
import type { Label } from '../words';

/**
 * Disagreement of an item's crowd as normalised vote entropy, the committee measure of
 * Dagan & Engelson (1995) ("Committee-based sampling"), also in Settles (2009) §3.2.
 * Dividing by log k (k = number of project labels, zeros included) makes 0 mean unanimous and
 * 1 mean votes spread evenly over every label, whatever the label-set size.
 */
export function disagreementVoteEntropy(counts: Readonly<Record<Label, number>>): number {
  return entropyNormalised(Object.values(counts));
}

/** The same measure on an aggregated posterior (e.g. from Dawid–Skene) instead of raw votes. */
export function disagreementPosteriorEntropy(posterior: Readonly<Record<Label, number>>): number {
  return entropyNormalised(Object.values(posterior));
}
