import { useState } from 'react';
import { type AssessmentYear, useAssessmentWrite } from './assessment-api.ts';
import { CHOOSABLE_VERSIONS, versionLabel, versionNumberLabel } from './questionnaire-labels.ts';
import { ReasonedSave } from './ReasonedSave.tsx';

interface CollectionBody {
  questionnaireVersion: number;
  collectionFrom: string | null;
  collectionTo: string | null;
  reason: string;
}

const dayOrNull = (value: string) => (value === '' ? null : value);

/** The year's collection in words: the version its forms use and the window items fall in. */
export function collectionSummary(year: AssessmentYear): string[] {
  const from = year.collectionFrom ?? null;
  const to = year.collectionTo ?? null;
  return [
    `问卷版本：${versionNumberLabel(year.questionnaireVersion ?? 1)}`,
    from === null && to === null
      ? '采集时间：自开启年度起，不设结束日期'
      : `采集时间：${from ?? '开启年度起'} 至 ${to ?? '不设结束日期'}`,
  ];
}

/**
 * Which questionnaire version the year's phones, residents' page and paper forms use, and the
 * window (Shanghai days) whose items belong to the year: set by the coordinators with a reason
 * (audited). Items already stored keep their year.
 */
export function CollectionEditor({ year }: { year: AssessmentYear }) {
  const [version, setVersion] = useState(String(year.questionnaireVersion ?? 1));
  const [from, setFrom] = useState(year.collectionFrom ?? '');
  const [to, setTo] = useState(year.collectionTo ?? '');
  const [reason, setReason] = useState('');
  const save = useAssessmentWrite<CollectionBody>('PUT', `/api/assessment/${year.year}/collection`);
  const locked = year.state === 'locked';
  return (
    <section className="panel collection-editor" aria-label="问卷版本与采集时间">
      <h3>{year.year} 年度的问卷版本与采集时间</h3>
      <ul className="muted" aria-label="当前采集设置">
        {collectionSummary(year).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {locked ? (
        <p className="muted">本年度已锁定，采集设置不能再修改。</p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({
              questionnaireVersion: Number(version),
              collectionFrom: dayOrNull(from),
              collectionTo: dayOrNull(to),
              reason,
            });
          }}
        >
          <label className="field">
            <span>问卷版本</span>
            <select value={version} onChange={(e) => setVersion(e.target.value)}>
              {CHOOSABLE_VERSIONS.map((q) => (
                <option key={q.version} value={q.version}>
                  {versionLabel(q)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>采集开始日期（留空：自开启年度起）</span>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span>采集结束日期（留空：不设结束日期）</span>
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <p className="muted">
            已上传的问卷和访谈保持原来的年度；修改后新上传的记录按新的设置归入年度。手机下次联网时改用新的问卷版本。
          </p>
          <ReasonedSave
            reasonLabel="修改采集设置的理由"
            reason={reason}
            onReason={setReason}
            saveLabel="保存采集设置"
            pending={save.isPending}
            error={save.error}
          />
          {save.isSuccess && !save.error ? (
            <p role="status">已保存采集设置（已记入修改记录）。</p>
          ) : null}
        </form>
      )}
    </section>
  );
}
