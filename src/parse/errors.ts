/** Thrown only when nothing in the document can be salvaged; the message is one line for editors. */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  constructor(message: string) {
    super(message.replace(/\s+/g, ' ').trim());
  }
}
