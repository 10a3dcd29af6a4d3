// GET /api/communities/:code/visit-list as the server answers it (contract 11 §2). Kept here, with
// the other answers' shapes, because the phone's database (src/outbox) stores it as it came.

/** The server's state of a household (contract 11 §2). */
export type ServerVisitState =
  | 'unvisited'
  | 'counted'
  | 'resident_qr'
  | 'not_home'
  | 'refused'
  | 'vacant';

export interface ListedHousehold {
  readonly key: string;
  readonly area: string;
  // As register_households stores them: `building` carries 组 and 弄 as the key prints them
  // (`100弄12号`, `3组25号`); `lane` repeats the 弄 number; unit and room are bare numbers.
  readonly road: string;
  readonly lane: string;
  readonly building: string;
  readonly unit: string;
  readonly room: string;
  readonly address: string;
  readonly status: '居住' | '空置' | '非住宅';
  readonly state: ServerVisitState;
  readonly lastVisitAt: string | null;
  readonly sample: null | { readonly list: 'sample' | 'reserve'; readonly rank: number };
}

export interface VisitList {
  readonly communityCode: string;
  readonly generatedAt: string;
  readonly registered: boolean;
  readonly sample: null | {
    readonly drawnAt: string;
    readonly seed: string | number;
    readonly size: number;
    readonly reserveSize: number;
  };
  readonly households: readonly ListedHousehold[];
}
