/** The command was asked something it cannot do as asked (unknown id, malformed argument): exit 2, one line. */
export class UsageError extends Error {
  override name = 'UsageError';
}
