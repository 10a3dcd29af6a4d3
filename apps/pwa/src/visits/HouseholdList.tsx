import { VISIT_OUTCOMES, type VisitOutcomeId } from '@jiuting/questionnaire';
import { useState } from 'react';
import type { User } from '../api/types.ts';
import { useOutbox } from '../outbox-react/outbox-context.tsx';
import { type ListedHousehold, roomLabel, STATE_LABELS, type VisitRow } from './visit-list.ts';
import { queueVisit } from './visit-marks.ts';

// Rows beyond this wait for 显示更多: a list of hundreds of buttons would cost the slow phones
// of the field more than the 100 ms the list has to open in.
const PAGE = 60;

export interface HouseholdListProps {
  readonly rows: readonly VisitRow[];
  readonly user: User;
  readonly code: string;
  /** `room` inside a unit (the rest is on the breadcrumb), `key` in search, 抽样 and 回访. */
  readonly labelOf: 'room' | 'key';
  readonly onSurvey: (household: ListedHousehold) => void;
}

/** Households with their state; one opened shows 填写问卷 and the outcomes of a visit. */
export function HouseholdList({ rows, user, code, labelOf, onSurvey }: HouseholdListProps) {
  const { db, engine } = useOutbox();
  const [open, setOpen] = useState<string | null>(null);
  const [shown, setShown] = useState(PAGE);
  const [note, setNote] = useState<{ key: string; text: string; error?: boolean } | null>(null);

  async function mark(h: ListedHousehold, outcome: VisitOutcomeId, label: string) {
    try {
      await queueVisit(
        db,
        { communityCode: code, householdAddress: h.address, outcome, collectedBy: user.username },
        Date.now(),
      );
    } catch (error) {
      setNote({ key: h.key, text: (error as Error).message || '无法记录，请重试', error: true });
      return;
    }
    setNote({ key: h.key, text: `已记录“${label}”，待上传` });
    setOpen(null);
    void engine.syncNow();
  }

  return (
    <>
      <ul className="households">
        {rows.slice(0, shown).map(({ household: h, state }) => (
          <li key={h.key} className={`household state-${state}`}>
            <button
              type="button"
              className="household-row"
              aria-expanded={open === h.key}
              onClick={() => setOpen(open === h.key ? null : h.key)}
            >
              <span className="household-label">
                {labelOf === 'room' ? roomLabel(h) : h.key}
                {h.sample ? (
                  <span className="sample-tag">{h.sample.list === 'sample' ? '抽样' : '备选'}</span>
                ) : null}
                {h.status !== '居住' ? <span className="muted"> （{h.status}）</span> : null}
              </span>
              <span className={`visit-state visit-${state}`}>{STATE_LABELS[state]}</span>
            </button>
            {note?.key === h.key ? (
              <p className={note.error ? 'warning' : 'muted'} role="status">
                {note.text}
              </p>
            ) : null}
            {open === h.key ? (
              <div className="household-actions">
                <button type="button" className="primary" onClick={() => onSurvey(h)}>
                  填写问卷
                </button>
                {VISIT_OUTCOMES.map((o) => (
                  <button key={o.id} type="button" onClick={() => void mark(h, o.id, o.label)}>
                    {o.label}
                  </button>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {rows.length > shown ? (
        <button type="button" className="link" onClick={() => setShown(shown + PAGE)}>
          显示更多（还有 {rows.length - shown} 户）
        </button>
      ) : null}
    </>
  );
}
