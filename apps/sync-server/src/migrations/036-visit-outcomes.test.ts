import { expect, it } from 'vitest';
import { upgradedFrom35 } from './old-rows.test-kit.ts';

const addVisit = (outcome: string, source = 'sync') => `
  INSERT INTO visits (id, content_hash, content, community_code, household_key, outcome,
    collected_at, collected_day, assessment_year, received_at, source)
  VALUES ('v-${outcome}-${source}', 'h', '{}', 'C1', '12号302室', '${outcome}',
    '2025-11-20T10:00:00+08:00', '2025-11-20', 2025, 't', '${source}')`;

it('adds the visits table beside the responses, which are left as they were', () =>
  upgradedFrom35((db) => {
    db.prepare(addVisit('not_home')).run();
    expect(db.prepare('SELECT id, counted FROM responses').all()).toEqual([
      { id: 'r1', counted: 1 },
    ]);
    expect(db.prepare('SELECT outcome, assessment_year FROM visits').all()).toEqual([
      { outcome: 'not_home', assessment_year: 2025 },
    ]);
  }));

it('refuses an outcome or a source the protocol does not have', () =>
  upgradedFrom35((db) => {
    expect(() => db.prepare(addVisit('moved')).run()).toThrow(/CHECK/);
    expect(() => db.prepare(addVisit('refused', 'qr')).run()).toThrow(/CHECK/);
  }));
