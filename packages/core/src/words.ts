/**
 * The glossary words of DESIGN.md as types. Ids are branded so an ItemId cannot be passed where
 * a LabellerId is expected; units are branded so seconds and probabilities are not mixed up
 * with bare numbers (Excalidraw's `Radians` idea).
 */
type Brand<T, B extends string> = T & { readonly __brand: B };

export type ItemId = Brand<string, 'ItemId'>;
export type SampleId = Brand<string, 'SampleId'>;
export type LabellerId = Brand<string, 'LabellerId'>;
export type BatchId = Brand<string, 'BatchId'>;
export type ProjectId = Brand<string, 'ProjectId'>;

/** A label is any name from the project's label set, so it stays a plain string. */
export type Label = string;

export type Probability = Brand<number, 'Probability'>;
export type Seconds = Brand<number, 'Seconds'>;

// Casts live here so the rest of the code never writes `as ItemId` by hand.
export const asItemId = (s: string): ItemId => s as ItemId;
export const asSampleId = (s: string): SampleId => s as SampleId;
export const asLabellerId = (s: string): LabellerId => s as LabellerId;
export const asBatchId = (s: string): BatchId => s as BatchId;
export const asProjectId = (s: string): ProjectId => s as ProjectId;
export const asSeconds = (n: number): Seconds => n as Seconds;

/** Checked cast: a probability outside [0,1] is a bug upstream, so fail loudly here. */
export function asProbability(n: number): Probability {
  if (!(n >= 0 && n <= 1)) {
    throw new RangeError(`probability must be in [0, 1], got ${n}`);
  }
  return n as Probability;
}
