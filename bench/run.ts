// `npm run bench`: runs every benchmark under bench/<area>/ in turn, each in its own process so one
// benchmark's heap and warm caches do not colour the next. Figures go to BENCHMARKS.md by hand:
// this machine is noisy, so the file records medians and ratios from a run, not live numbers.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const benchRoot = import.meta.dirname;
const files = readdirSync(benchRoot)
  .map((entry) => join(benchRoot, entry))
  .filter((path) => statSync(path).isDirectory())
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.startsWith('_'))
      .map((name) => join(dir, name)),
  )
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n▶ ${relative(process.cwd(), file)}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
