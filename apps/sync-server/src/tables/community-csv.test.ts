import { describe, expect, it } from 'vitest';
import { parseCommunitiesCsv } from './community-csv.ts';

const HEADER = 'code,name,type,totalHouseholds,liaisonLeader';

describe('parseCommunitiesCsv', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses the code %s, which would collide with an object’s built-in members',
    (code) => {
      const result = parseCommunitiesCsv(`${HEADER}\n${code},某居,导入居,100,\n`);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).toContain('保留字');
    },
  );

  it('accepts ordinary codes', () => {
    const result = parseCommunitiesCsv(
      `${HEADER}\nJT01,九亭一居,导入居,100,\nconstructor1,某居,村改居,50,\n`,
    );
    expect(result.ok).toBe(true);
  });
});
