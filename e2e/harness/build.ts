import { execFileSync, type StdioOptions } from 'node:child_process';
import { REPO_ROOT } from './paths.ts';

/**
 * Builds what `npm start` serves: the server by its build script (so a run tests the code in
 * the tree, not an older build) and the PWA by its own, into `outDir` (a directory of the
 * caller's own, so a developer's build running meanwhile cannot swap files under it).
 */
export function buildServerAndPwa(outDir: string, stdio: StdioOptions = 'inherit'): void {
  execFileSync('npm', ['run', 'build:server'], { cwd: REPO_ROOT, stdio });
  execFileSync(
    'npm',
    ['run', 'build', '-w', 'apps/pwa', '--', '--outDir', outDir, '--emptyOutDir'],
    {
      cwd: REPO_ROOT,
      stdio,
    },
  );
}
