// Editors' decisions stored in the database: tag corrections and story merges and splits. Each writes its audit row
// in the same transaction as the change, so the CLI, the console and the API leave the same record.
import { auditRecord, type Actor } from '../auth/index.ts';
import { storyRules, storySettings } from '../dedup/index.ts';
import type { NewAuditRecord, Store } from '../store/index.ts';
import type { SourceConfig, Tag, TagKind } from '../types.ts';
import { NotFoundError } from './write.ts';

/** An edit refused as asked (a malformed tag change, the same entry twice): HTTP 400, one line. */
export class InvalidEditError extends Error {
  override name = 'InvalidEditError';
}

/** One tag correction: add or remove a country, region or topic. */
export interface TagChange {
  action: 'add' | 'remove';
  kind: TagKind;
  value: string;
}

/** `+country:PE`, `-topic:economy` as a TagChange (values normalized: country codes upper case, slugs lower). */
export function parseTagChange(arg: string): TagChange {
  const m = /^([+-])(country|region|topic):(.+)$/.exec(arg.trim());
  if (!m)
    throw new InvalidEditError(`expected +kind:value or -kind:value (kind: country, region, topic), got "${arg}"`);
  return tagChange(m[1] === '+' ? 'add' : 'remove', m[2] as TagKind, m[3] ?? '');
}

/** A checked TagChange from its parts (what a console form or API body gives). */
export function tagChange(action: 'add' | 'remove', kind: TagKind, raw: string): TagChange {
  if (kind !== 'country' && kind !== 'region' && kind !== 'topic')
    throw new InvalidEditError(`unknown tag kind "${String(kind)}" (kinds: country, region, topic)`);
  const value = kind === 'country' ? raw.toUpperCase() : raw.toLowerCase();
  if (kind === 'country' && !/^[A-Z]{2}$/.test(value))
    throw new InvalidEditError(`a country is an ISO alpha-2 code such as PE, got "${raw}"`);
  if (value.trim() === '') throw new InvalidEditError(`a ${kind} needs a value`);
  // Never a tag's; and PostgreSQL's text holds no U+0000, so both stores refuse them alike.
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw new InvalidEditError(`a ${kind} has no control characters, got ${JSON.stringify(raw)}`);
  return { action, kind, value };
}

/** `+country:PE(focus)`: a tag as editors read it. */
export function formatTag(t: Pick<Tag, 'kind' | 'value' | 'role'>, sign = ''): string {
  return `${sign}${t.kind}:${t.value}${t.role ? `(${t.role})` : ''}`;
}

export const formatTagChange = (c: TagChange) => `${c.action === 'add' ? '+' : '-'}${c.kind}:${c.value}`;

export interface TagCorrection {
  entryId: number;
  /** Every entry the corrections were applied to: all the entry's story. */
  entryIds: number[];
  changes: TagChange[];
  /** Topics added or removed that topics.yaml does not define (allowed, but worth a note). */
  unknownTopics: string[];
  before: string[];
  after: string[];
  auditId: number;
}

/** A tag correction's audit record, the same whichever store holds it. */
export function tagCorrectionAudit(
  actor: Actor,
  at: string,
  c: { entryId: number; entryIds: number[]; before: string[]; after: string[]; changes: readonly TagChange[] },
): NewAuditRecord {
  return auditRecord(
    actor,
    at,
    'tags.correct',
    `entry:${c.entryId}`,
    { tags: c.before },
    { tags: c.after, changes: c.changes.map(formatTagChange), entries: c.entryIds },
  );
}

function requireEntry(store: Store, entryId: number) {
  const entry = store.entries.get(entryId);
  if (!entry) throw new NotFoundError(`no entry #${entryId}`);
  return entry;
}

/**
 * Editors' overrides (what `wireroom tag` does), for every entry of the entry's story: feeds publish one item per
 * story, so the decision holds for all of it. Kept on retag. Audited as `tags.correct` on `entry:<id>`.
 */
export function correctTag(
  store: Store,
  actor: Actor,
  entryId: number,
  changes: readonly TagChange[],
  opts: { knownTopics?: { has(slug: string): boolean }; now?: Date } = {},
): TagCorrection {
  if (changes.length === 0) throw new InvalidEditError('no tag change given');
  const entry = requireEntry(store, entryId);
  const at = (opts.now ?? new Date()).toISOString();
  const unknownTopics = changes
    .filter((c) => c.kind === 'topic' && opts.knownTopics && !opts.knownTopics.has(c.value))
    .map((c) => c.value);
  return store.transaction(() => {
    const entryIds =
      entry.storyId !== undefined ? store.stories.members(entry.storyId).map((m) => m.entryId) : [entry.id];
    const before = store.tags.list(entry.id).map((t) => formatTag(t));
    for (const c of changes)
      for (const member of entryIds) store.tags.setOverride(member, c.kind, c.value, c.action, at);
    const after = store.tags.list(entry.id).map((t) => formatTag(t));
    const auditId = store.accounts.audit.add(
      tagCorrectionAudit(actor, at, { entryId: entry.id, entryIds, before, after, changes }),
    );
    return { entryId: entry.id, entryIds, changes: [...changes], unknownTopics, before, after, auditId };
  });
}

export interface StoryChange {
  /** The story the entry (or, for a merge, both entries) is in afterwards. */
  storyId: number;
  storyUid?: string;
  auditId: number;
}

/** A story merge's audit record, the same whichever store holds it: each entry's story before, the story after. */
export function storyMergeAudit(
  actor: Actor,
  at: string,
  m: { entryA: number; entryB: number; before: Record<number, string>; uid?: string },
): NewAuditRecord {
  return auditRecord(
    actor,
    at,
    'stories.merge',
    `entry:${m.entryA}`,
    { stories: m.before },
    { story: m.uid, entries: [m.entryA, m.entryB] },
  );
}

/** A story split's audit record, the same whichever store holds it. */
export function storySplitAudit(
  actor: Actor,
  at: string,
  s: { entryId: number; before: string; uid?: string },
): NewAuditRecord {
  return auditRecord(actor, at, 'stories.split', `entry:${s.entryId}`, { story: s.before }, { story: s.uid });
}

function storyUid(store: Store, entryId: number): string | undefined {
  const id = store.stories.membership(entryId).storyId;
  return id === undefined ? undefined : store.stories.story(id)?.uid;
}

function requireStory(store: Store, entryId: number): string {
  requireEntry(store, entryId);
  const uid = storyUid(store, entryId);
  if (uid === undefined) throw new NotFoundError(`entry #${entryId} has no story yet`);
  return uid;
}

/**
 * Puts two entries' stories together (the older story keeps its published id); later ingests keep the decision.
 * `sources` give the story priorities. Audited as `stories.merge` on `entry:<a>`.
 */
export function mergeStories(
  store: Store,
  actor: Actor,
  entryA: number,
  entryB: number,
  sources: readonly SourceConfig[],
  now = new Date(),
): StoryChange {
  if (entryA === entryB) throw new InvalidEditError(`give two different entries (got #${entryA} twice)`);
  const at = now.toISOString();
  return store.transaction(() => {
    const before = { [entryA]: requireStory(store, entryA), [entryB]: requireStory(store, entryB) };
    const storyId = store.stories.merge(entryA, entryB, at, storyRules(storySettings(sources).priorities));
    const uid = store.stories.story(storyId)?.uid;
    const auditId = store.accounts.audit.add(storyMergeAudit(actor, at, { entryA, entryB, before, uid }));
    return { storyId, storyUid: uid, auditId };
  });
}

/**
 * Gives an entry its own story again; it is never joined to the old one automatically. Audited as `stories.split`
 * on `entry:<id>`.
 */
export function splitStory(
  store: Store,
  actor: Actor,
  entryId: number,
  sources: readonly SourceConfig[],
  now = new Date(),
): StoryChange {
  const at = now.toISOString();
  return store.transaction(() => {
    const before = requireStory(store, entryId);
    const storyId = store.stories.split(entryId, at, storyRules(storySettings(sources).priorities));
    const uid = store.stories.story(storyId)?.uid;
    const auditId = store.accounts.audit.add(storySplitAudit(actor, at, { entryId, before, uid }));
    return { storyId, storyUid: uid, auditId };
  });
}

/** The audit row of a config file edit (the file operations return the edit; the caller knows the actor). */
export function fileEditAudit(
  actor: Actor,
  edit: { action: string; target: string; before: unknown; after: unknown; file: string; version: string },
  now = new Date(),
): NewAuditRecord {
  const after = edit.after === undefined ? { version: edit.version } : { value: edit.after, version: edit.version };
  return auditRecord(actor, now.toISOString(), edit.action, edit.target, edit.before, after);
}

/** Writes the audit row of a config file edit into the SQLite store. */
export function auditFileEdit(
  store: Store,
  actor: Actor,
  edit: Parameters<typeof fileEditAudit>[1],
  now = new Date(),
): number {
  return store.accounts.audit.add(fileEditAudit(actor, edit, now));
}
