import { CHANNELS } from '@jiuting/questionnaire';
import type {
  AssessmentExportData,
  CommunitySummaryRow,
  InterviewRow,
  ResponseDetailRow,
} from './types.ts';

// A small town for the export tests: two communities, three responses whose points are worked
// out by hand from 附件1's 得分说明, two interviews, and resident text that tries to run as a
// formula or break a CSV line.

export const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example","点我")',
  command: '+cmd|/c calc',
  arithmetic: '-1+2, "好",\n第二行',
  at: '@SUM(A1:A9)',
  interviewProblem: '=1+1',
} as const;

const noInterviews = {
  poor_party_member: 0,
  low_income_family: 0,
  child_in_difficulty: 0,
  disabled_resident: 0,
  elderly_living_alone: 0,
  other_special: 0,
};

export const JT01: CommunitySummaryRow = {
  code: 'JT01',
  name: '九亭一居',
  type: '导入居',
  totalHouseholds: 100,
  surveyedHouseholds: 2,
  coverage: 0.02,
  meetsTarget: false,
  shortfall: 28,
  responses: 2,
  repeats: 0,
  interviews: {
    total: 2,
    target: 20,
    meetsTarget: false,
    shortfall: 18,
    byGroup: { ...noInterviews, disabled_resident: 1, elderly_living_alone: 1 },
  },
  meanSurveyScore: 40.5,
  meanInterviewScore: null,
  satisfactionPoints: 12.16,
  lastActivityAt: '2026-11-20T02:30:00Z',
  register: null,
};

export const JT02: CommunitySummaryRow = {
  code: 'JT02',
  name: '涞寅村居',
  type: '村改居',
  totalHouseholds: 3,
  surveyedHouseholds: 1,
  coverage: 1 / 3,
  meetsTarget: true,
  shortfall: 0,
  responses: 1,
  repeats: 0,
  interviews: {
    total: 20,
    target: 20,
    meetsTarget: true,
    shortfall: 0,
    byGroup: { ...noInterviews, elderly_living_alone: 20 },
  },
  meanSurveyScore: 100,
  meanInterviewScore: null,
  satisfactionPoints: 30,
  lastActivityAt: '2026-11-21T10:00:00+08:00',
  register: null,
};

/** Door to door; q3–q9 = A B C D C B A → 10+10+11+15+10+12+10 = 78. */
export const R1: ResponseDetailRow = {
  id: '11111111-1111-4111-8111-111111111111',
  communityCode: 'JT01',
  communityName: '九亭一居',
  householdKey: '12号301室',
  channel: 'door',
  collectedAt: '2026-11-20T01:15:00Z',
  receivedAt: '2026-11-20T02:30:00Z',
  collector: 'zhang',
  answers: {
    q1: 'A',
    q2: 'C',
    q3: 'A',
    q4: 'B',
    q5: 'C',
    q6: 'D',
    q7: 'C',
    q8: 'B',
    q9: 'A',
    q10: ['H', 'A'],
    q10Other: HOSTILE.hyperlink,
    q11: ['A', 'G'],
    q11Other: HOSTILE.command,
    q12: HOSTILE.arithmetic,
  },
};

/** A resident's own QR submission; the lowest option of every scored question → 0+0+3+0+0+0+0 = 3. */
export const R2: ResponseDetailRow = {
  id: '22222222-2222-4222-8222-222222222222',
  communityCode: 'JT01',
  communityName: '九亭一居',
  householdKey: '5号1单元102室',
  channel: 'qr',
  collectedAt: '2026-11-19T12:00:00Z',
  receivedAt: '2026-11-19T12:00:01Z',
  collector: CHANNELS.qr,
  answers: {
    q1: 'B',
    q2: 'F',
    q3: 'B',
    q4: 'E',
    q5: 'A',
    q6: 'A',
    q7: 'A',
    q8: 'D',
    q9: 'D',
    q10: ['I'],
    q11: ['C', 'A'],
    q12: HOSTILE.at,
  },
};

/** Full marks: 10+15+15+15+15+20+10 = 100. */
export const R3: ResponseDetailRow = {
  id: '33333333-3333-4333-8333-333333333333',
  communityCode: 'JT02',
  communityName: '涞寅村居',
  householdKey: '8号202室',
  channel: 'door',
  collectedAt: '2026-11-21T01:50:00Z',
  receivedAt: '2026-11-21T02:00:00Z',
  collector: 'li',
  answers: {
    q1: 'A',
    q2: 'E',
    q3: 'A',
    q4: 'A',
    q5: 'D',
    q6: 'D',
    q7: 'D',
    q8: 'A',
    q9: 'A',
    q10: ['A', 'C'],
    q11: ['F'],
    q12: '楼道灯坏了, 请修 "尽快"\r\n谢谢',
  },
};

export const I1: InterviewRow = {
  id: '44444444-4444-4444-8444-444444444444',
  communityCode: 'JT01',
  communityName: '九亭一居',
  group: 'elderly_living_alone',
  method: 'home',
  date: '2026-11-18',
  view: 'B',
  needs: '希望加装电梯',
  problems: HOSTILE.interviewProblem,
  notes: null,
  collector: 'wang',
  receivedAt: '2026-11-18T08:00:00Z',
};

export const I2: InterviewRow = {
  id: '55555555-5555-4555-8555-555555555555',
  communityCode: 'JT01',
  communityName: '九亭一居',
  group: 'disabled_resident',
  method: 'phone',
  date: '2026-11-19',
  view: 'D',
  collector: 'wang',
  receivedAt: '2026-11-19T09:00:00Z',
};

export const FIXTURE: AssessmentExportData = {
  communities: [JT01, JT02],
  responses: [R1, R2, R3],
  interviews: [I1, I2],
  registerCheck: [
    {
      communityCode: 'JT01',
      communityName: '九亭一居',
      area: '九亭小区',
      householdKey: '九亭小区·100弄12号301室',
      status: '已计入',
      householdAddress: null,
      responseId: null,
    },
    {
      communityCode: 'JT01',
      communityName: '九亭一居',
      area: '九亭小区',
      householdKey: '九亭小区·100弄12号401室',
      status: '册外',
      householdAddress: '100弄12号401',
      responseId: 'r-outside',
    },
  ],
};
