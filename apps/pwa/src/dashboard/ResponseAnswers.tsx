import {
  JIUTING_2025,
  QUESTIONNAIRE_VERSIONS,
  type QuestionDef,
  type QuestionnaireDef,
  RESPONSE_FLAG_LABELS,
  type ResponseFlag,
} from '@jiuting/questionnaire';
import type { ReviewResponse } from './dashboard-types.ts';

// A response's answers as the printed questionnaire words them, for a coordinator answering a
// community's complaint: every question, the letters chosen and what they say — in the words of
// the version the resident was asked (a 2025 answer reads as 2025 printed it, in any later year).

/** The version the response names, or null when this app does not know it (then letters only). */
function editionOf(item: Pick<ReviewResponse, 'questionnaireVersion'>): QuestionnaireDef | null {
  const version = item.questionnaireVersion ?? JIUTING_2025.version;
  return QUESTIONNAIRE_VERSIONS.find((q) => q.version === version) ?? null;
}

function chosen(
  questions: readonly QuestionDef[],
  questionId: string,
  value: unknown,
  answers: ReviewResponse['answers'],
  known: boolean,
): string {
  const question = questions.find((q) => q.id === questionId);
  if (!question) return '';
  if (question.kind === 'text') return typeof value === 'string' ? value : '（未填）';
  const letters = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  if (letters.length === 0) return '（未答）';
  const other = answers[`${questionId}Other`];
  return letters
    .map((letter) => {
      const option = known ? question.options.find((o) => o.letter === letter) : undefined;
      const text = option ? `${letter}. ${option.label}` : String(letter);
      return option?.takesText && typeof other === 'string' ? `${text}：${other}` : text;
    })
    .join('；');
}

export function FlagBadges({ flags }: { flags: readonly ResponseFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <span className="flag-badges">
      {flags.map((flag) => (
        <span key={flag} className="flag-badge" title={RESPONSE_FLAG_LABELS[flag]}>
          {FLAG_SHORT[flag]}
        </span>
      ))}
    </span>
  );
}

/** A flag's few words for a badge; the full wording with its threshold is the badge's title. */
export const FLAG_SHORT: Readonly<Record<ResponseFlag, string>> = {
  too_fast: '填写过快',
  straight_lining: '全选最高分',
  collector_burst: '短时多户',
  fingerprint_burst: '同设备多份',
  night: '夜间采集',
};

/** Seconds as 分 and 秒, for the fill time. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  return s < 60 ? `${s} 秒` : `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
}

/** Every choice at a glance, by question number: `1A 2C … 10 A,H 11 F`. */
export function compactAnswers(answers: ReviewResponse['answers']): string {
  return JIUTING_2025.questions
    .filter((q) => q.kind !== 'text')
    .map((q) => {
      const value = answers[q.id];
      const letters = Array.isArray(value)
        ? value.join(',')
        : typeof value === 'string'
          ? value
          : '—';
      return q.kind === 'multiple' ? `${q.number} ${letters}` : `${q.number}${letters}`;
    })
    .join(' ');
}

export function ResponseAnswers({ item, open = false }: { item: ReviewResponse; open?: boolean }) {
  const fill =
    item.startedAt === null
      ? null
      : (Date.parse(item.collectedAt) - Date.parse(item.startedAt)) / 1000;
  const edition = editionOf(item);
  // Questions as the version asked them; an unknown version shows its letters under 附件1's
  // numbering, and says so, rather than another version's words.
  const questions = (edition ?? JIUTING_2025).questions;
  return (
    <details className="response-answers" open={open}>
      <summary>
        查看答案<span className="muted">（{compactAnswers(item.answers)}）</span>
      </summary>
      <p className="muted">
        门牌（原样）：{item.householdAddress} · 填写用时：
        {fill === null || fill < 0 ? '无记录' : duration(fill)} · 改答：
        {item.answerChanges ?? '无记录'} 次 · 问卷版本：
        {edition
          ? `第 ${edition.version} 版（${edition.year} 年）`
          : `第 ${item.questionnaireVersion} 版（本应用不认识这个版本，只显示所选字母，请更新应用）`}
        {item.sessionId ? ` · 设备会话：${item.sessionId.slice(0, 8)}` : ''}
      </p>
      <dl>
        {questions.map((q) => (
          <div key={q.id} className="answer-row">
            <dt>
              {q.number}、{q.text}
            </dt>
            <dd>{chosen(questions, q.id, item.answers[q.id], item.answers, edition !== null)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
