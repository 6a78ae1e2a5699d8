/**
 * Bad input found on this side, before any server is involved (e.g. `quorum aggregate` reading its
 * files): exit code 2 like a 400 from the API, with one detail per bad line, already formatted
 * ("line 12: missing worker").
 */
export class BadInput extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'BadInput';
  }
}
