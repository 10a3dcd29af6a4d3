import { useState } from 'react';

// The pieces the three adjustment editors share: a list saved whole, its remove link, the audit
// reason and the save outcome.

/** One list of entries being edited; the whole list is what gets saved. */
export function useEntries<T>(initial: readonly T[]) {
  const [entries, setEntries] = useState<T[]>([...initial]);
  return {
    entries,
    patch: (i: number, patch: Partial<T>) =>
      setEntries((all) => all.map((e, k) => (k === i ? { ...e, ...patch } : e))),
    remove: (i: number) => setEntries((all) => all.filter((_, k) => k !== i)),
    add: (entry: T) => setEntries((all) => [...all, entry]),
  };
}

export function RemoveButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="link" onClick={onClick}>
      删除
    </button>
  );
}

export function AuditReasonField({
  value,
  disabled,
  onChange,
}: {
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>修改理由（记入审计）</span>
      <input value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

export function Outcome({ error, ok }: { error: Error | null; ok: string | null }) {
  if (error) {
    return (
      <p className="field-error" role="alert">
        未保存：{error.message}
      </p>
    );
  }
  return ok ? (
    <p className="notice" role="status">
      {ok}
    </p>
  ) : null;
}
