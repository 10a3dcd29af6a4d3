// Runs before `npm start` (and the operator's scripts): the server is compiled to plain
// JavaScript and the PWA built once, not on every start. A fresh checkout (or one whose sources
// are newer than the build) is built here when the build tools are installed; a production
// install (`npm ci --omit=dev`) has no build tools and must be shipped built.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const TARGETS = {
  server: {
    output: 'apps/sync-server/dist/src/main.js',
    inputs: [
      'packages/questionnaire/src',
      'packages/scorecard/src',
      'packages/api-contract/src',
      'apps/sync-server/src',
      'apps/sync-server/scripts',
      'apps/sync-server/fixtures',
    ],
    tool: 'typescript',
    command: ['run', 'build:server'],
  },
  pwa: {
    output: 'apps/pwa/dist/index.html',
    inputs: [
      'packages/questionnaire/src',
      'packages/scorecard/src',
      'packages/api-contract/src',
      'apps/pwa/src',
      'apps/pwa/public',
      'apps/pwa/index.html',
      'apps/pwa/resident.html',
      'apps/pwa/vite.config.ts',
    ],
    tool: 'vite',
    command: ['run', 'build', '-w', 'apps/pwa'],
  },
};

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const wanted = process.argv.slice(2);
for (const [name, target] of Object.entries(TARGETS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const output = join(ROOT, target.output);
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  const sources = Math.max(...target.inputs.map((p) => newest(join(ROOT, p))));
  if (built >= sources) continue;
  const canBuild = existsSync(join(ROOT, 'node_modules', target.tool));
  if (!canBuild) {
    if (built > 0) {
      console.warn(
        `注意：${target.output} 比源代码旧，但本机没有构建工具（生产安装），沿用现有构建。`,
      );
      continue;
    }
    console.error(
      `缺少构建产物 ${target.output}：生产安装（npm ci --omit=dev）不带构建工具，请先在完整安装中运行 npm run build，再部署构建好的目录。`,
    );
    process.exit(1);
  }
  console.log(built > 0 ? `源代码已更新，重新构建 ${name}…` : `首次启动，构建 ${name}…`);
  execFileSync('npm', target.command, { cwd: ROOT, stdio: 'inherit' });
}
