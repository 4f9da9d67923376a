// `npm run conformance:baseline`: records which conformance cases hold now into baseline.json, after showing
// what changes against the current baseline. The only thing that writes the baseline; the test never does.
import {
  BASELINE_FILE,
  compareWithBaseline,
  corpusPresent,
  readBaseline,
  runAllCases,
  summary,
  writeBaseline,
} from './cases.ts';
import { CORPUS } from './run.ts';

if (!corpusPresent()) {
  console.error(`${CORPUS}/manifest.json is missing: nothing to record, baseline.json left as it is`);
  process.exit(1);
}

const cases = await runAllCases();
console.log(summary(cases));
let previous: string[] | undefined;
try {
  previous = readBaseline();
} catch (error) {
  console.log(`\nthe current baseline cannot be read (${String(error)}): replacing it whole`);
}
if (previous) {
  const { lost, gained } = compareWithBaseline(cases, previous);
  // A person is accepting these: say exactly which cases the gate stops guarding.
  if (lost.length) console.log(`\n${lost.length} case(s) leave the baseline (they no longer hold):`);
  for (const l of lost) console.log(`  - ${l.id}: ${l.note}`);
  if (gained.length) console.log(`\n${gained.length} case(s) join the baseline:`);
  for (const g of gained.slice(0, 200)) console.log(`  + ${g.id}`);
  if (gained.length > 200) console.log(`  ... and ${gained.length - 200} more (git diff baseline.json shows them)`);
}
const mustFail = cases.filter((c) => c.must && !c.held);
if (mustFail.length) console.log(`\nwarning: ${mustFail.length} case(s) that must always hold fail; the gate fails.`);
writeBaseline(cases);
console.log(`\nwrote ${cases.filter((c) => c.held).length} held of ${cases.length} cases to ${BASELINE_FILE}`);
