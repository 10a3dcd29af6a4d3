import type { ReactNode } from 'react';

/**
 * The end of a collector's form: the storage error if queueing failed, anything the form adds
 * (`children`, e.g. how many fields still need work), 提交, and the reminder that drafts autosave.
 */
export function SubmitFooter({
  saveError,
  submitting,
  children,
}: {
  saveError: string | null;
  submitting: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      {saveError ? (
        <p className="save-error" role="alert">
          {saveError}
        </p>
      ) : null}
      {children}
      <button type="submit" className="primary big" disabled={submitting}>
        提交
      </button>
      {saveError ? null : <p className="hint">每一处改动都已自动存为草稿</p>}
    </>
  );
}
