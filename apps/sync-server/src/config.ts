import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  dbPath: string;
  staticDir: string;
  trustProxy: boolean | string;
}

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Reads the environment. DATA_DIR is relative to where the person ran npm: `npm -w` runs the
 * script inside apps/sync-server but keeps the original directory in INIT_CWD, so `npm start`
 * at the repository's root keeps its data in ./data there.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const base = env.INIT_CWD ?? process.cwd();
  const dataDirRaw = env.DATA_DIR ?? './data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(base, dataDirRaw);
  const trust = env.TRUST_PROXY;
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    dbPath: join(dataDir, 'jiuting.db'),
    staticDir: env.STATIC_DIR ? resolve(base, env.STATIC_DIR) : resolve(PACKAGE_DIR, '../pwa/dist'),
    trustProxy:
      trust === undefined || trust === '' || trust === 'false'
        ? false
        : trust === 'true'
          ? true
          : trust,
  };
}
