// YAML files validated by zod, with every problem pointing at file, line and field.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigProblem } from './errors.ts';

export interface LoadedYaml<T> {
  value: T;
  doc: Document;
  lines: LineCounter;
}

/** Line (1-based) of the node at `path` in the document, or of the nearest ancestor that exists. */
export function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true)) as Node | undefined;
    if (node && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Name a field the way editors read it: sources[3].url */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) {
    if (typeof key === 'number') name += `[${key}]`;
    else name += name ? `.${String(key)}` : String(key);
  }
  return name;
}

/** zod issues as editor-facing problems; `prefix` is the path of the validated node inside the document. */
export function issuesToProblems(
  file: string,
  doc: Document,
  lines: LineCounter,
  issues: z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): ConfigProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')];
    // An unknown key is reported at the key itself.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        file,
        line: lineOf(doc, lines, [...path, key]),
        field: fieldName([...path, key]),
        reason: 'unknown field (misspelled?)',
      }));
    }
    return [{ file, line: lineOf(doc, lines, path), field: fieldName(path), reason: issue.message }];
  });
}

/** Parse YAML text and validate it; throws ConfigError listing every problem with its line. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): LoadedYaml<z.infer<S>> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const problems: ConfigProblem[] = doc.errors.map((e) => ({
    file,
    line: e.linePos?.[0]?.line,
    field: '(syntax)',
    reason: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
  }));
  if (problems.length) throw new ConfigError(problems);
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) throw new ConfigError(issuesToProblems(file, doc, lines, result.error.issues));
  return { value: result.data, doc, lines };
}

/** Read and validate a YAML file; a missing optional file yields `fallback`. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S, fallback?: unknown): LoadedYaml<z.infer<S>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && fallback !== undefined) {
      return parseYaml(file, JSON.stringify(fallback), schema);
    }
    throw new ConfigError([{ file, field: '(file)', reason: (err as Error).message }]);
  }
  return parseYaml(file, text, schema);
}

/**
 * loadYamlFile for loaders that report every problem at once: a broken file adds its problems to `problems` and
 * gives undefined, so the caller goes on checking the other files.
 */
export function loadYamlInto<S extends z.ZodType>(
  file: string,
  schema: S,
  fallback: unknown,
  problems: ConfigProblem[],
): LoadedYaml<z.infer<S>> | undefined {
  try {
    return loadYamlFile(file, schema, fallback);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}

export { isMap, isSeq };
