import { randomBytes } from 'node:crypto';
import type { CommunityType } from '@jiuting/questionnaire';
import type { Db } from '../db/open.ts';

export type { CommunityType };

export interface Community {
  code: string;
  name: string;
  type: CommunityType;
  totalHouseholds: number;
  liaisonLeader: string;
}

export interface CommunityWithToken extends Community {
  qrToken: string;
  isDemo: boolean;
}

const COLUMNS = `code, name, type, total_households AS totalHouseholds,
  liaison_leader AS liaisonLeader, qr_token AS qrToken, is_demo AS isDemo`;

export function newQrToken(): string {
  return randomBytes(16).toString('base64url');
}

export function communitiesRepository(db: Db) {
  const all = db.prepare<[], CommunityWithToken>(
    `SELECT ${COLUMNS} FROM communities ORDER BY code`,
  );
  const byCode = db.prepare<[string], CommunityWithToken>(
    `SELECT ${COLUMNS} FROM communities WHERE code = ?`,
  );
  const byToken = db.prepare<[string], CommunityWithToken>(
    `SELECT ${COLUMNS} FROM communities WHERE qr_token = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO communities (code, name, type, total_households, liaison_leader, is_demo, qr_token, created_at, updated_at)
     VALUES (@code, @name, @type, @totalHouseholds, @liaisonLeader, @isDemo, @qrToken, @at, @at)
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, type = excluded.type,
       total_households = excluded.total_households, liaison_leader = excluded.liaison_leader,
       is_demo = excluded.is_demo, updated_at = excluded.updated_at`,
  );

  const fix = (c: CommunityWithToken): CommunityWithToken => ({ ...c, isDemo: Boolean(c.isDemo) });

  return {
    count(): number {
      return db.prepare('SELECT count(*) FROM communities').pluck().get() as number;
    },
    list(): CommunityWithToken[] {
      return all.all().map(fix);
    },
    get(code: string): CommunityWithToken | undefined {
      const row = byCode.get(code);
      return row ? fix(row) : undefined;
    },
    byQrToken(token: string): CommunityWithToken | undefined {
      const row = byToken.get(token);
      return row ? fix(row) : undefined;
    },
    /**
     * Inserts or updates every row in one transaction. A real list replaces the demo
     * communities that nobody has collected anything for.
     */
    importAll(
      rows: readonly Community[],
      at: string,
      options: { demo?: boolean } = {},
    ): { imported: number; removedDemo: number } {
      return db.transaction(() => {
        for (const row of rows) {
          upsert.run({ ...row, isDemo: options.demo ? 1 : 0, qrToken: newQrToken(), at });
        }
        let removedDemo = 0;
        if (!options.demo) {
          removedDemo = db
            .prepare(
              `DELETE FROM communities WHERE is_demo = 1
                 AND code NOT IN (SELECT community_code FROM responses)
                 AND code NOT IN (SELECT community_code FROM interviews)`,
            )
            .run().changes;
        }
        return { imported: rows.length, removedDemo };
      })();
    },
    update(
      code: string,
      patch: Partial<Pick<Community, 'name' | 'type' | 'totalHouseholds' | 'liaisonLeader'>>,
      at: string,
    ): CommunityWithToken | undefined {
      const current = this.get(code);
      if (!current) return undefined;
      const next = { ...current, ...patch };
      db.prepare(
        `UPDATE communities SET name = ?, type = ?, total_households = ?, liaison_leader = ?,
         updated_at = ? WHERE code = ?`,
      ).run(next.name, next.type, next.totalHouseholds, next.liaisonLeader, at, code);
      return this.get(code);
    },
    /**
     * Opening a year: every community gets a new QR link; the old ones are kept as the closed
     * year's, so an old poster answers "本年度测评已结束". The caller's transaction.
     */
    retireQrLinks(closedYear: number, at: string): number {
      let rotated = 0;
      for (const c of all.all()) {
        db.prepare(
          `INSERT OR IGNORE INTO retired_qr_links (token, community_code, assessment_year, retired_at)
           VALUES (?, ?, ?, ?)`,
        ).run(c.qrToken, c.code, closedYear, at);
        rotated += this.rotateQrToken(c.code, at) ? 1 : 0;
      }
      return rotated;
    },
    /** The year an old poster's link belonged to, when the link was retired by a new year. */
    retiredQrLinkYear(token: string): number | undefined {
      return db
        .prepare('SELECT assessment_year FROM retired_qr_links WHERE token = ?')
        .pluck()
        .get(token) as number | undefined;
    },
    rotateQrToken(code: string, at: string): string | undefined {
      const token = newQrToken();
      const changed = db
        .prepare('UPDATE communities SET qr_token = ?, updated_at = ? WHERE code = ?')
        .run(token, at, code).changes;
      return changed > 0 ? token : undefined;
    },
  };
}

export type CommunitiesRepository = ReturnType<typeof communitiesRepository>;
