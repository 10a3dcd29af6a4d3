import { expect, it } from 'vitest';
import { upgradedFrom35 } from './old-rows.test-kit.ts';

it('keeps one sample per community, its households ranked, gone with the sample', () =>
  upgradedFrom35((db) => {
    db.prepare(
      `INSERT INTO community_samples (community_code, seed, drawn_at, frame, size, reserve_size)
       VALUES ('C1', 7, 't', 10, 3, 1)`,
    ).run();
    const add = db.prepare(
      `INSERT INTO sample_households (community_code, household_key, list, rank)
       VALUES ('C1', ?, ?, ?)`,
    );
    add.run('12号301室', 'sample', 1);
    expect(() => add.run('12号302室', 'spare', 1)).toThrow(/CHECK/);
    expect(() => add.run('12号301室', 'reserve', 1)).toThrow(/UNIQUE|PRIMARY/);
    db.prepare("DELETE FROM community_samples WHERE community_code = 'C1'").run();
    expect(db.prepare('SELECT count(*) FROM sample_households').pluck().get()).toBe(0);
  }));
