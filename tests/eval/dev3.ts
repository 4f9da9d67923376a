// The figures a country rule is developed against, without the held-apart set: the labelled set (beside its gated
// baseline), the dev2, dev3 and dev4 country sets, and reuters-dev (beside its baseline). The held-apart set is left out
// on purpose, so that working on a rule never shows its figures; `npm run eval` reports them.
// `node --import tsx tests/eval/dev3.ts [--errors] [--set dev4]` (--errors lists the dev sets' country misses, not
// reuters'; naming sets prints only those and skips the labelled set and reuters-dev).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger, loadTaxonomy } from '../../src/tag/index.ts';
import { DEV_SETS, devSetsNamed, formatDevSet } from './dev2.ts';
import { evaluateReuters, formatReuters, hasReuters, readReutersBaseline } from './reuters.ts';
import { gatedFigures, LANGUAGES, type GatedFigures, type Prf } from './tagging.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const errors = process.argv.includes('--errors');
const fmt = (p: Prf) => `P ${p.precision.toFixed(3)}  R ${p.recall.toFixed(3)}  F1 ${p.f1.toFixed(3)}`;

const tagger = createTagger(loadTaxonomy(path.resolve(here, '../../config')));
const baseFile = path.join(here, 'tagging-baseline.json');
const base = existsSync(baseFile) ? (JSON.parse(readFileSync(baseFile, 'utf8')) as GatedFigures) : undefined;
const onlySets = Object.keys(DEV_SETS).some((n) => process.argv.includes(n));
if (!onlySets) printLabelledSet();
for (const name of devSetsNamed(process.argv)) for (const l of formatDevSet(tagger, name, errors)) console.log(l);
if (!onlySets && hasReuters())
  for (const l of formatReuters(evaluateReuters(tagger), readReutersBaseline())) console.log(l);

function printLabelledSet() {
  const got = gatedFigures(tagger);
  console.log(`labelled set: ${got.items} items`);
  console.log(`  countries ${fmt(got.countries)}   baseline F1 ${base?.countries.f1.toFixed(3)}`);
  for (const lang of LANGUAGES) {
    const l = got.languages[lang];
    if (l)
      console.log(
        `  ${lang} countries ${fmt(l.countries)}   baseline F1 ${base?.languages[lang]?.countries.f1.toFixed(3)}`,
      );
  }
  console.log(`  regions ${fmt(got.regions)}  traps ${fmt(got.traps)}  topics ${fmt(got.topics)}`);
}
