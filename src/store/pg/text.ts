// PostgreSQL text cannot hold U+0000, which SQLite stores as given (an error message quoting a UTF-32 document is
// full of it). Text bound for PostgreSQL has it replaced by U+FFFD, the replacement character; the copy counts
// every value it changed this way, and the checksum reads U+0000 as U+FFFD on both sides (checksum.ts).
const NUL = /\u0000/g;

export function withoutNul(s: string): string {
  return s.includes('\u0000') ? s.replace(NUL, '\uFFFD') : s;
}

/** The same for an optional value. */
export function withoutNulOr<T extends string | null | undefined>(s: T): T {
  return (typeof s === 'string' ? withoutNul(s) : s) as T;
}
