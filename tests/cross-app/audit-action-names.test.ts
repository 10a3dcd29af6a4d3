import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../../apps/pwa/src/assessment/labels.ts';

describe('the audit trail’s action names', () => {
  it('name every action the server records in Chinese, so no English code reaches a person', () => {
    const source = readFileSync(
      join(
        import.meta.dirname,
        '..',
        '..',
        'apps',
        'sync-server',
        'src',
        'repositories',
        'assessment.ts',
      ),
      'utf8',
    );
    const union = /export type AssessmentAuditAction =([^;]+);/.exec(source)?.[1] ?? '';
    const actions = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1] as string);
    expect(actions.length).toBeGreaterThan(10);
    for (const action of actions) {
      expect(ACTION_NAMES[action], action).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
