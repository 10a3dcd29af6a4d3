import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { migrate } from '../db/migrate.ts';
import { openDatabase } from '../db/open.ts';
import { registersRepository } from '../repositories/registers.ts';
import { tempDbPath } from '../testing.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('splits the register summary by assessment year: a household counted in 2025 and 2026 counts once in each', () => {
  const { dir, dbPath } = tempDbPath();
  dirs.push(dir);
  const db = openDatabase(dbPath);
  try {
    migrate(db, { upTo: 46 });
    db.exec(`
      INSERT INTO communities (code, name, type, total_households, created_at, updated_at)
        VALUES ('C1', '有户册', '导入居', 100, 't', 't');
      INSERT INTO household_registers (community_code, imported_at) VALUES ('C1', 't');
      INSERT INTO register_households (community_code, household_key, area, building, status, updated_at)
        VALUES ('C1', '甲·1号101室', '甲', '1号', '居住', 't'),
               ('C1', '甲·1号102室', '甲', '1号', '居住', 't');`);
    const add = db.prepare(
      `INSERT INTO responses (id, content_hash, content, community_code, household_key, channel,
         collected_at, collected_day, score, received_at, counted, assessment_year)
       VALUES (?, 'h', '{}', 'C1', ?, 'door', 't', '2025-11-20', ?, 't', 1, ?)`,
    );
    add.run('r1', '甲·1号101室', 80, 2025);
    add.run('r2', '甲·1号101室', 60, 2026);
    add.run('r3', '乙·9号', 90, 2026); // 册外 in 2026
    // Before: one figure over both years, the household counted twice.
    expect(db.prepare('SELECT counted, outside FROM register_summary').get()).toEqual({
      counted: 2,
      outside: 1,
    });
    migrate(db);
    const registers = registersRepository(db);
    expect(registers.totals(2025)).toEqual([
      { code: 'C1', households: 2, counted: 1, scoreSum: 80, outside: 0 },
    ]);
    expect(registers.totals(2026)).toEqual([
      { code: 'C1', households: 2, counted: 1, scoreSum: 60, outside: 1 },
    ]);
    // A year without responses yet: the register's households, nothing counted.
    expect(registers.totals(2027)).toEqual([
      { code: 'C1', households: 2, counted: 0, scoreSum: 0, outside: 0 },
    ]);
    // The triggers carry on per year: 2025's second household answers.
    add.run('r4', '甲·1号102室', 100, 2025);
    expect(registers.totals(2025)[0]).toMatchObject({ counted: 2, scoreSum: 180 });
    expect(registers.totals(2026)[0]).toMatchObject({ counted: 1, scoreSum: 60 });
    expect(registers.buildings('C1', 2026)).toEqual([
      { area: '甲', building: '1号', households: 2, counted: 1 },
    ]);
    expect(registers.checkRows(2026).map((l) => [l.householdKey, l.status])).toEqual([
      ['甲·1号101室', '已计入'],
      ['甲·1号102室', '未访'],
      ['乙·9号', '册外'],
    ]);
  } finally {
    db.close();
  }
});
