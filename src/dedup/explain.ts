// Lines an editor reads for `explain ENTRY_ID` and `stories show ENTRY_ID`.
import type { Store, StoryMember } from '../store/index.ts';

const via = (entryId: number | undefined) => (entryId ? ` when entry ${entryId} matched both` : '');

function why(m: StoryMember): string {
  switch (m.method) {
    case 'founder':
      if (!m.founded) return 'founded the story';
      return `founded story ${m.founded.uid}, merged into this one${via(m.founded.viaEntryId)}`;
    case 'url':
      return `same URL as entry ${m.matchEntryId}`;
    case 'similarity':
      return `near duplicate of entry ${m.matchEntryId} (similarity ${(m.score ?? 0).toFixed(2)})`;
    case 'editor':
      return m.matchEntryId ? `editor merged it with entry ${m.matchEntryId}` : 'editor decision';
  }
}

/** `store`: any store whose stories explain an entry's story (both stores' readers do). */
export function explainStory(store: { stories: Pick<Store['stories'], 'explain'> }, entryId: number): string[] {
  const x = store.stories.explain(entryId);
  if (!x) return [`entry ${entryId}: no story (unknown entry, or not yet through story detection)`];
  const lines = [
    `story ${x.story.uid} (${x.members.length} ${x.members.length === 1 ? 'entry' : 'entries'}), representative: entry ${x.story.representativeEntryId ?? '-'}`,
    `entry ${entryId}: ${why(x.self)}`,
  ];
  for (const m of x.members) {
    const mark = m.representative ? '*' : ' ';
    lines.push(`  ${mark} ${m.entryId} [${m.sourceId}] ${m.publishedAt} ${m.title} — ${why(m)}`);
  }
  for (const m of x.merges) {
    lines.push(`  story ${m.mergedUid} merged into this one${via(m.viaEntryId)} at ${m.createdAt}`);
  }
  for (const d of x.decisions) {
    lines.push(
      d.action === 'merge'
        ? `  editor merged entry ${d.entryId} with entry ${d.otherEntryId} at ${d.createdAt}`
        : `  editor split entry ${d.entryId} out of story #${d.storyId} at ${d.createdAt}; it will not rejoin it`,
    );
  }
  return lines;
}
