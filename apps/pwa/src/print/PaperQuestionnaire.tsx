import {
  CURRENT_QUESTIONNAIRE,
  type QuestionDef,
  type QuestionnaireDef,
  SECTIONS,
  titleCommunityName,
} from '@jiuting/questionnaire';

interface PaperQuestionnaireProps {
  /** null: the community is left as a blank line, to be written in by hand. */
  readonly communityName: string | null;
  /** The edition the year uses (附件1, 2025, unless the server names another). */
  readonly questionnaire?: QuestionnaireDef;
}

// As 附件1 prints it — same numbers, wording, (单选)/(多选) and letters, so a canvasser typing a
// paper form in later meets the same letters — but without the 得分说明 lines: a resident never
// sees what an answer scores.

function marker(question: QuestionDef): string {
  if (question.kind === 'single') return '(单选)';
  if (question.kind === 'multiple') return '(多选)';
  return '';
}

function PaperQuestion({ question }: { question: QuestionDef }) {
  return (
    <div className="paper-question" data-question={question.id}>
      <p className="paper-question-text">
        {question.number}、{question.text}
        {marker(question)}
      </p>
      {question.kind === 'text' ? (
        <div className="paper-lines">
          <span />
          <span />
          <span />
        </div>
      ) : (
        <p className="paper-options">
          {question.options.map((option) => (
            <span
              key={option.letter}
              className={`paper-option${option.takesText ? ' with-text' : ''}`}
            >
              <span className="box" aria-hidden="true">
                □
              </span>
              {option.letter}. {option.label}
              {option.takesText ? (
                <>
                  ：<span className="fill-line" />
                </>
              ) : null}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}

/** The blank questionnaire for residents who prefer paper (or have no smartphone). */
export function PaperQuestionnaire({
  communityName,
  questionnaire = CURRENT_QUESTIONNAIRE,
}: PaperQuestionnaireProps) {
  const name = titleCommunityName(communityName);
  return (
    <section className="print-sheet paper" data-testid="paper-questionnaire">
      <h1 className="paper-title">
        九亭镇<span className="fill-name">{name}</span>居民区群众满意度测评问卷
      </h1>
      <p className="paper-address">
        门牌地址：
        <span className="fill-short" />
        号楼
        <span className="fill-short" />
        单元
        <span className="fill-short" />室
        <span className="paper-note">（仅用于每户计一次，不填姓名和电话）</span>
      </p>
      <p className="paper-hint">请在所选答案前的方框内打“√”。</p>
      {SECTIONS.map((section) => (
        <div key={section.id} className="paper-section">
          <h2>{section.title}</h2>
          {questionnaire.questions
            .filter((q) => q.section === section.id)
            .map((question) => (
              <PaperQuestion key={question.id} question={question} />
            ))}
        </div>
      ))}
      <p className="paper-thanks">感谢您的参与！</p>
    </section>
  );
}
