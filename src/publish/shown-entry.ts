// Where a story sits in a feed: at the entry its item shows, so the dates a feed shows never go up and a late copy
// joining an old story does not lift it above newer ones. Pure; the store's page walk is given it and applies it to each story.

export interface StoryMember {
  id: number;
  publishedAt: string;
}

/**
 * The entry a story's item shows, and so its place: the representative when it matches the filter, else the
 * earliest matching member. Undefined when no member matches.
 */
export function shownEntry(
  members: readonly StoryMember[],
  matching: ReadonlySet<number>,
  representative: number | null,
): number | undefined {
  if (representative !== null && matching.has(representative) && members.some((m) => m.id === representative))
    return representative;
  let earliest: StoryMember | undefined;
  for (const member of members) {
    if (matching.has(member.id) && (!earliest || isEarlier(member, earliest))) earliest = member;
  }
  return earliest?.id;
}

function isEarlier(a: StoryMember, b: StoryMember): boolean {
  return a.publishedAt < b.publishedAt || (a.publishedAt === b.publishedAt && a.id < b.id);
}
