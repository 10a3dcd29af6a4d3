// The deploy/ examples an operator copies must agree with what the server does: its exit code
// for a bad setting, its body limits, its masking of QR tokens, its private data directory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageDir } from './config.ts';
import { EXIT_CONFIG } from './startup-errors.ts';

const DEPLOY = join(packageDir(), '../../deploy');
const read = (name: string) => readFileSync(join(DEPLOY, name), 'utf8');
/** The largest body the server takes: an outbox file (routes/outbox-import). */
const LARGEST_BODY_BYTES = 32 * 1024 * 1024;

describe('deploy/', () => {
  it('runs the compiled server as its own user, files private, not restarted on a bad setting', () => {
    const unit = read('jiuting.service');
    expect(unit).toMatch(/^User=jiuting$/m);
    expect(unit).toMatch(/^UMask=0077$/m);
    expect(unit).toMatch(/^StateDirectoryMode=0700$/m);
    expect(unit).toMatch(new RegExp(`^RestartPreventExitStatus=${EXIT_CONFIG}$`, 'm'));
    const start = unit.match(/^ExecStart=(.*)$/m)?.[1] ?? '';
    expect(start).toContain('--conditions=jiuting-dist');
    expect(start).toContain('apps/sync-server/dist/src/main.js');
    expect(start).not.toMatch(/tsx|vite|npm/);
  });

  it('lets the proxies pass the largest body the server takes, and keeps QR tokens out of their logs', () => {
    const nginx = read('nginx.conf');
    const nginxMiB = Number(nginx.match(/client_max_body_size (\d+)m;/)?.[1]);
    expect(nginxMiB * 1024 * 1024).toBeGreaterThanOrEqual(LARGEST_BODY_BYTES);
    for (const path of ['/r/', '/api/public/']) {
      const block = nginx.split(`location ${path} {`)[1]?.split('}')[0] ?? '';
      expect(block, path).toContain('access_log off;');
    }
    const caddy = read('Caddyfile');
    const caddyMiB = Number(caddy.match(/max_size (\d+)MiB/)?.[1]);
    expect(caddyMiB * 1024 * 1024).toBeGreaterThanOrEqual(LARGEST_BODY_BYTES);
    // Caddy writes no access log unless told to.
    expect(caddy).not.toMatch(/^\s*log\b/m);
  });

  it('has a guide for the town’s IT person from install to restore', () => {
    const guide = read('部署指南.md');
    for (const section of [
      '安装',
      '首次启动',
      '导入居民区',
      '打印二维码海报',
      '升级',
      '备份',
      '恢复',
    ]) {
      expect(guide).toMatch(new RegExp(`^## .*${section}`, 'm'));
    }
  });
});
