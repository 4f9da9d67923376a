/** One problem in a config file, reported to editors as `file:line: field: reason`. */
export interface ConfigProblem {
  file: string;
  line?: number;
  field: string;
  reason: string;
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.field || '(document)'}: ${p.reason}`;
}

/** Thrown when config cannot be used; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}
