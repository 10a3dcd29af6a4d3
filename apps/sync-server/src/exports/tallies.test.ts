import { describe, expect, it } from 'vitest';
import { FIXTURE, R3 } from './export-fixture.ts';
import { tallySuggestions } from './tallies.ts';

const tallyOf = (tallies: ReturnType<typeof tallySuggestions>, id: string, letter: string) => {
  const tally = tallies.options.find((o) => o.questionId === id && o.letter === letter);
  if (!tally) throw new Error(`no tally ${id}${letter}`);
  return tally;
};

describe('tallySuggestions', () => {
  it('counts each q10 and q11 option per community and town-wide, out of the counted responses', () => {
    const tallies = tallySuggestions(FIXTURE);
    expect(tallies.respondents).toEqual({ town: 3, byCommunity: { JT01: 2, JT02: 1 } });
    expect(tallyOf(tallies, 'q10', 'A')).toMatchObject({
      label: '楼道堆物',
      town: 2,
      byCommunity: { JT01: 1, JT02: 1 },
    });
    expect(tallyOf(tallies, 'q10', 'H')).toMatchObject({ label: '其他', town: 1 });
    expect(tallyOf(tallies, 'q11', 'A')).toMatchObject({
      town: 2,
      byCommunity: { JT01: 2, JT02: 0 },
    });
    expect(tallyOf(tallies, 'q11', 'G')).toMatchObject({ town: 1, byCommunity: { JT01: 1 } });
  });

  it('lists every printed option, chosen or not, in the printed order (q11 has no E)', () => {
    const tallies = tallySuggestions({
      communities: [],
      responses: [],
      interviews: [],
      registerCheck: [],
    });
    expect(tallies.options.map((o) => `${o.questionId}${o.letter}`)).toEqual([
      'q10A',
      'q10B',
      'q10C',
      'q10D',
      'q10E',
      'q10F',
      'q10G',
      'q10H',
      'q10I',
      'q11A',
      'q11B',
      'q11C',
      'q11D',
      'q11F',
      'q11G',
    ]);
    expect(tallies.options.every((o) => o.town === 0)).toBe(true);
  });

  it('gives a community missing from the overview its own column rather than losing its answers', () => {
    const stray = { ...R3, id: 'stray', communityCode: 'JT99', communityName: '新建居' };
    const tallies = tallySuggestions({ ...FIXTURE, responses: [...FIXTURE.responses, stray] });
    expect(tallies.communities.map((c) => c.name)).toEqual(['九亭一居', '涞寅村居', '新建居']);
    expect(tallyOf(tallies, 'q10', 'C').byCommunity).toEqual({ JT01: 0, JT02: 1, JT99: 1 });
    expect(tallyOf(tallies, 'q10', 'C').town).toBe(2);
  });

  // A community code is letters, digits, `_` and `-`: `constructor` and `__proto__` are codes.
  it('counts communities coded like Object.prototype members as numbers, as any other', () => {
    const odd = ['constructor', '__proto__', 'toString'].map((code) => ({
      ...R3,
      id: `odd-${code}`,
      communityCode: code,
      communityName: `${code}居`,
    }));
    const tallies = tallySuggestions({ ...FIXTURE, responses: [...FIXTURE.responses, ...odd] });
    const counts = tallyOf(tallies, 'q10', 'C').byCommunity;
    for (const code of ['constructor', '__proto__', 'toString']) {
      expect(Object.getOwnPropertyDescriptor(counts, code)?.value, code).toBe(1);
      expect(
        Object.getOwnPropertyDescriptor(tallies.respondents.byCommunity, code)?.value,
        code,
      ).toBe(1);
    }
  });
});
