import { useEffect, useState } from 'react';
import { useOutbox } from '../outbox-react/outbox-context.tsx';

/**
 * 该户已计入覆盖率 under a typed address that the last synced visit list or this phone already
 * counts. Continuing is allowed: the server keeps the answer as a repeat.
 */
export function CountedWarning({
  id,
  communityCode,
  householdKey,
}: {
  /** The survey being filled: its own draft does not count against it. */
  id: string;
  communityCode: string;
  householdKey: string | null;
}) {
  const { db } = useOutbox();
  const [counted, setCounted] = useState<string | null>(null);
  useEffect(() => {
    if (!householdKey || !communityCode) return;
    let live = true;
    // After typing pauses; the check and the list's rules load only now (not on the first screen).
    const timer = setTimeout(() => {
      void import('../visits/counted-check.ts')
        .then((m) => m.householdAlreadyCounted(db, communityCode, householdKey, id))
        .then((yes) => {
          if (live) setCounted(yes ? `${communityCode}\n${householdKey}` : null);
        })
        .catch(() => {});
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, id, communityCode, householdKey]);
  return counted === `${communityCode}\n${householdKey}` ? (
    <p className="warning" role="status">
      该户已计入覆盖率：可以继续填写，问卷会保存，但记为重复户、不再计数。
    </p>
  ) : null;
}
