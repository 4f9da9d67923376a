// What the console and the JSON API read and change, on either database (issue #15): one asynchronous interface,
// with SQLite's synchronous store behind promises here and PostgreSQL's in editor-store-pg.ts. Reads are named as the
// SQLite repositories name them and return the same records; the editorial changes are the newsroom operations
// (newsroom.ts), each in one transaction with its audit row. The web stage sees only this.
import type { Actor } from '../auth/index.ts';
import type { SourceConfig } from '../types.ts';
import { explainStory } from '../dedup/index.ts';
import {
  promised,
  sqliteAccountStore,
  type AccountStore,
  type Async,
  type JobRepo,
  type Store,
} from '../store/index.ts';
import {
  auditFileEdit,
  correctTag,
  fileEditAudit,
  mergeStories,
  splitStory,
  type StoryChange,
  type TagChange,
  type TagCorrection,
} from './newsroom.ts';
import { rulesDiff, type CandidateTaxonomy, type RulesDiff } from './rules.ts';

type Repo<K extends keyof Store> = Store[K];
type SourceRepo = Repo<'sources'>;
/** The sources dashboard's query, page and listed row (SourceRepo.dashboardPage / useListed). */
export type DashboardQuery = Parameters<SourceRepo['dashboardPage']>[0];
export type DashboardPage = ReturnType<SourceRepo['dashboardPage']>;
export type ListedSourceRow = Parameters<SourceRepo['useListed']>[1][number];

/** The reads of the console and API, as the SQLite repositories answer them. */
export interface EditorReads {
  readonly entries: Async<Pick<Repo<'entries'>, 'get' | 'countsBySource'>>;
  readonly tags: Async<Pick<Repo<'tags'>, 'list' | 'overrides'>>;
  readonly sources: Async<Pick<Repo<'sources'>, 'list' | 'get' | 'infos' | 'failingSince' | 'entryCount'>>;
  readonly fetchLog: Async<Pick<Repo<'fetchLog'>, 'recent'>>;
  readonly stories: Async<Pick<Repo<'stories'>, 'story' | 'members' | 'recent'>>;
  readonly feeds: Async<Pick<Repo<'feeds'>, 'dataVersion' | 'page' | 'entryPage' | 'reviewPage'>>;
  readonly jobs: Async<Pick<JobRepo, 'list' | 'get'>>;
  /**
   * The console's sources dashboard: sources.yaml's sources (`listed`, read from the file version `listedKey`)
   * joined with their fetch state, filtered, sorted and keyset-paged in SQL, with each health's count. SQLite:
   * SourceRepo.useListed + dashboardPage; PostgreSQL: dashboardPagePg (src/store/pg/dashboard.ts).
   */
  sourcesDashboard(
    listedKey: string,
    listed: readonly ListedSourceRow[],
    query: DashboardQuery,
  ): Promise<DashboardPage>;
}

export interface EditorStore extends EditorReads {
  readonly kind: 'sqlite' | 'postgres';
  /** A read-only server (`wireroom serve`): the console and API refuse every change before it gets here. */
  readonly readonly: boolean;
  /** Users, tokens, sessions, login attempts and the audit log. */
  readonly accounts: AccountStore;
  /**
   * Moves whenever an account, token or session may have changed, in any process; undefined where the store cannot
   * tell cheaply (then nothing read from the accounts is kept between requests).
   */
  accountsVersion(): Promise<string | undefined>;
  /** The lines `wireroom stories show` prints for an entry's story (dedup/explain.ts). */
  explainStory(entryId: number): Promise<string[]>;
  /** correctTag: an editor's tag changes on every entry of the entry's story, audited. */
  correctTag(
    actor: Actor,
    entryId: number,
    changes: readonly TagChange[],
    opts?: { knownTopics?: { has(slug: string): boolean }; now?: Date },
  ): Promise<TagCorrection>;
  /** mergeStories: two entries' stories made one, audited. */
  mergeStories(
    actor: Actor,
    entryA: number,
    entryB: number,
    sources: readonly SourceConfig[],
    now?: Date,
  ): Promise<StoryChange>;
  /** splitStory: the entry gets a story of its own again, audited. */
  splitStory(actor: Actor, entryId: number, sources: readonly SourceConfig[], now?: Date): Promise<StoryChange>;
  /** The audit row of a config file edit (the file was written by the editor stage). */
  auditFileEdit(actor: Actor, edit: Parameters<typeof fileEditAudit>[1], now?: Date): Promise<number>;
  /** rulesDiff: which recent entries the folder's taxonomy, or a candidate, would tag differently. */
  rulesDiff(
    configDir: string,
    candidate?: CandidateTaxonomy,
    opts?: { since?: string; limit?: number },
  ): Promise<RulesDiff>;
}

const later = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));

/** SQLite's store as an EditorStore. `store` stays usable synchronously by whoever opened it. */
export function sqliteEditorStore(store: Store): EditorStore {
  return {
    kind: 'sqlite',
    readonly: store.db.readonly,
    accounts: sqliteAccountStore(store),
    // SQLite's data version moves on every commit of any process but a session's or token's last use.
    accountsVersion: () => later(() => store.feeds.dataVersion()),
    entries: promised(store.entries),
    tags: promised(store.tags),
    sources: promised(store.sources),
    fetchLog: promised(store.fetchLog),
    stories: promised(store.stories),
    feeds: promised(store.feeds),
    jobs: promised(store.jobs),
    sourcesDashboard: (listedKey, listed, query) =>
      later(() => {
        store.sources.useListed(listedKey, listed);
        return store.sources.dashboardPage(query);
      }),
    explainStory: (entryId) => later(() => explainStory(store, entryId)),
    correctTag: (actor, entryId, changes, opts) => later(() => correctTag(store, actor, entryId, changes, opts)),
    mergeStories: (actor, a, b, sources, now) => later(() => mergeStories(store, actor, a, b, sources, now)),
    splitStory: (actor, entryId, sources, now) => later(() => splitStory(store, actor, entryId, sources, now)),
    auditFileEdit: (actor, edit, now) => later(() => auditFileEdit(store, actor, edit, now)),
    rulesDiff: (configDir, candidate, opts) => later(() => rulesDiff(store, configDir, candidate, opts)),
  };
}
