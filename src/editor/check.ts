// What `wireroom check` reports, as data: every problem in a config folder, from each stage that reads a file there.
import { ConfigError, loadConfig, type ConfigProblem } from '../config/index.ts';
import { checkCollections } from '../publish/index.ts';
import { checkSourcePriors, checkTaxonomy } from '../tag/index.ts';

/** Every problem in the config folder, none thrown (an empty list: the folder is usable). */
export function checkConfigDir(dir: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  try {
    loadConfig(dir);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  problems.push(...checkSourcePriors(dir), ...checkTaxonomy(dir), ...checkCollections(dir));
  return problems;
}
