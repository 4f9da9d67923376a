import type { WireroomConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { StoryAssigner } from '../dedup/index.ts';
import type { SeenItems } from './seen-items.ts';
import type { Preparer } from './threads.ts';

export type { StoryAssigner };

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WorkerDeps {
  config: WireroomConfig;
  store: Store;
  /** Parses, normalizes, keys and tags fetched documents (tags only when it has a taxonomy). */
  preparer: Preparer;
  stories: StoryAssigner;
  /** Items stored in earlier cycles, by source, to skip when seen unchanged; a long-running worker keeps them. */
  seen?: SeenItems;
  log?: Logger;
  now?: () => Date;
  /** Told of every finished cycle, whoever ran it (the schedule, a console job): `wireroom run` counts them in metrics. */
  onCycleDone?: (report: CycleReport) => void;
}

export type SourceResultStatus = 'ok' | 'not-modified' | 'error' | 'gone' | 'skipped';

/** What one source did in one cycle: what `wireroom fetch` prints per source. */
export interface SourceReport {
  id: string;
  url: string;
  status: SourceResultStatus;
  httpStatus?: number;
  new: number;
  updated: number;
  unchanged: number;
  /** Removed by an editor or retention, so not stored again. */
  tombstoned: number;
  bytes: number;
  durationMs: number;
  error?: string;
  errorCode?: string;
  warnings: string[];
  movedTo?: string;
  nextFetchAt: string;
}

export interface CycleReport {
  startedAt: string;
  durationMs: number;
  sources: SourceReport[];
  pruned: number;
  /** Stories founded by entries stored in this cycle (the others joined a story that existed). */
  storiesMade: number;
}
