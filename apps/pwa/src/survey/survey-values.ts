import {
  CURRENT_QUESTIONNAIRE,
  composeHouseholdAddress,
  findQuestionnaire,
  householdKey,
  JIUTING_2025,
  type QuestionnaireDef,
  type SurveyResponse,
} from '@jiuting/questionnaire';
import { type FillParadata, NO_PARADATA, paradataOf } from './paradata.ts';

// The form holds what a canvasser types (the address boxes 小区/自然村, 路, 弄, 号, 单元, 室, empty strings for unanswered
// questions); the questionnaire package's schema decides what is valid. This file is the one
// translation between the two.

export const COLLECTOR_CHANNELS = ['door', 'phone', 'paper'] as const;
export type CollectorChannel = (typeof COLLECTOR_CHANNELS)[number];

export interface SurveyFormValues {
  communityCode: string;
  area: string;
  road: string;
  lane: string;
  building: string;
  unit: string;
  room: string;
  // null: react-hook-form's reading of a radio group with nothing checked.
  channel: CollectorChannel | '' | null;
  answers: {
    q1: string;
    q2: string;
    q3: string;
    q4: string;
    q5: string;
    q6: string;
    q7: string;
    q8: string;
    q9: string;
    q10: string[];
    q10Other: string;
    q11: string[];
    q11Other: string;
    q12: string;
  };
  /** How the form is being filled; absent in drafts saved before it existed. */
  paradata?: FillParadata;
  /**
   * The questionnaire edition the form was started with; a draft is finished with it, whatever
   * the year uses by then. Absent in drafts saved before editions existed: those are 2025's.
   */
  questionnaireVersion?: number;
}

export function emptySurveyValues(
  communityCode = '',
  channel: CollectorChannel | '' = 'door',
  questionnaireVersion = CURRENT_QUESTIONNAIRE.version,
): SurveyFormValues {
  return {
    communityCode,
    area: '',
    road: '',
    lane: '',
    building: '',
    unit: '',
    room: '',
    channel,
    answers: {
      q1: '',
      q2: '',
      q3: '',
      q4: '',
      q5: '',
      q6: '',
      q7: '',
      q8: '',
      q9: '',
      q10: [],
      q10Other: '',
      q11: [],
      q11Other: '',
      q12: '',
    },
    paradata: NO_PARADATA,
    questionnaireVersion,
  };
}

/** The version a form's values were started with (2025's for drafts older than editions). */
export function versionOf(values: Pick<SurveyFormValues, 'questionnaireVersion'>): number {
  return values.questionnaireVersion ?? JIUTING_2025.version;
}

/** The edition a form's values are answered in, or undefined when this app does not know it. */
export function questionnaireOf(
  values: Pick<SurveyFormValues, 'questionnaireVersion'>,
): QuestionnaireDef | undefined {
  return findQuestionnaire(versionOf(values));
}

export function requiredQuestions(questionnaire: QuestionnaireDef = CURRENT_QUESTIONNAIRE) {
  return questionnaire.questions.filter((q) => q.required);
}

export const REQUIRED_QUESTIONS = requiredQuestions();

/** How many of the required questions have an answer (for the progress bar). */
export function answeredCount(values: SurveyFormValues): number {
  return requiredQuestions(questionnaireOf(values)).filter((q) => {
    const value = values.answers[q.id as keyof SurveyFormValues['answers']];
    return Array.isArray(value) ? value.length > 0 : value !== '';
  }).length;
}

export type AddressValues = Pick<SurveyFormValues, 'building' | 'unit' | 'room'> &
  // Absent in drafts saved before the area, road and lane boxes existed.
  Partial<Pick<SurveyFormValues, 'area' | 'road' | 'lane'>>;

/** The address as typed into the boxes, or '' while neither 号 nor 室 is typed. */
export function addressOf(values: AddressValues): string {
  if (values.building.trim() === '' && values.room.trim() === '') return '';
  return composeHouseholdAddress(values);
}

/** The normalised household key to show back, or null while it cannot be read. */
export function shownHouseholdKey(values: AddressValues): string | null {
  const address = addressOf(values);
  return address === '' ? null : householdKey(address);
}

function orUndefined(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

/** The candidate response the schema judges; answers left empty are absent, not ''. */
export function toSurveyCandidate(
  values: SurveyFormValues,
  id: string,
  collectedAt: string,
): unknown {
  const a = values.answers;
  const version = versionOf(values);
  // An edition this app does not know is sent as it is, and refused: 未知的问卷版本.
  const questionnaire = findQuestionnaire(version) ?? JIUTING_2025;
  const answers: Record<string, unknown> = {};
  for (const key of ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8', 'q9'] as const) {
    if (a[key] !== '') answers[key] = a[key];
  }
  // A 其他 text is sent only while its letter (this edition's) is chosen.
  const takesText = (id: 'q10' | 'q11') =>
    questionnaire.questions
      .find((q) => q.id === id)
      ?.options.some((o) => o.takesText && a[id].includes(o.letter)) ?? false;
  answers.q10 = a.q10;
  if (takesText('q10')) answers.q10Other = orUndefined(a.q10Other);
  answers.q11 = a.q11;
  if (takesText('q11')) answers.q11Other = orUndefined(a.q11Other);
  if (orUndefined(a.q12) !== undefined) answers.q12 = a.q12;
  for (const key of Object.keys(answers)) if (answers[key] === undefined) delete answers[key];
  const paradata = paradataOf(values.paradata);
  return {
    kind: 'survey',
    id,
    questionnaireId: questionnaire.id,
    questionnaireVersion: version,
    communityCode: values.communityCode,
    householdAddress: addressOf(values),
    channel: values.channel ? values.channel : undefined,
    collectedAt,
    answers,
    ...(paradata ? { paradata } : {}),
  };
}

export type FieldErrors = Record<string, string>;

export type SurveyValidation =
  | { readonly ok: true; readonly response: SurveyResponse }
  | { readonly ok: false; readonly errors: FieldErrors };
