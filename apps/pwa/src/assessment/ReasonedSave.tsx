import { errorLines } from '../api/error-lines.ts';

/**
 * The end of every year-settings form (collection, settings, grade rule): the reason that goes
 * into the audit trail, a save that waits for one, and why the server refused, a line each.
 */
export function ReasonedSave({
  reasonLabel,
  reason,
  onReason,
  saveLabel,
  pending,
  error,
}: {
  reasonLabel: string;
  reason: string;
  onReason: (reason: string) => void;
  saveLabel: string;
  pending: boolean;
  error: unknown;
}) {
  return (
    <>
      <label className="field">
        <span>{reasonLabel}</span>
        <input value={reason} onChange={(e) => onReason(e.target.value)} />
      </label>
      <button type="submit" className="button primary" disabled={reason.trim() === '' || pending}>
        {saveLabel}
      </button>
      {error ? (
        <div className="field-error" role="alert">
          {errorLines(error).map((line, i) => (
            <p key={line}>{i === 0 ? `未保存：${line}` : line}</p>
          ))}
        </div>
      ) : null}
    </>
  );
}
