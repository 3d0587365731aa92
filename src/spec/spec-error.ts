/**
 * The one error the spec tooling throws for bad input: a missing or unparsable spec file,
 * an operationId the spec lacks, a $ref to nothing, a schema keyword the converter does not
 * know. The message is a single line naming the file and the place, so the CLI can print it
 * as-is (exit 2) instead of a stack trace.
 */
export class SpecError extends Error {
  override readonly name = 'SpecError';

  constructor(
    readonly file: string,
    readonly place: string,
    readonly problem: string,
  ) {
    super(place ? `${file}: ${place}: ${problem}` : `${file}: ${problem}`);
  }
}
