// The face of the worker's JobRunner that the web stage uses (kept structural so read-only servers need none).
export type JobKind = 'fetch' | 'retag' | 'export';

export interface JobView {
  id: number;
  kind: string;
  state: string;
  progress: number;
  total: number | null;
  message: string | null;
  createdBy: string;
  createdAt: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  result?: unknown;
}

export interface JobRunnerLike {
  start(kind: JobKind, params: Record<string, unknown>, actor: { name: string; origin: string }): JobView;
  get(id: number): JobView | undefined;
  list(opts?: { limit?: number }): JobView[];
}
