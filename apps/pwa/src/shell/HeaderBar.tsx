import { type ReactNode, useEffect, useRef } from 'react';
import { hrefOf } from '../ui/route.ts';

/**
 * The header's look, without the outbox: the first screen draws it before IndexedDB's code has
 * arrived (Boot.tsx), and Header.tsx fills it in, so the two are the same pixels.
 */
export function HeaderBar({
  unsent,
  onSyncNow,
  syncDisabled,
  phase,
  status,
  children,
}: {
  /** Null until IndexedDB has answered: "0 unsent" must never be shown before it is known. */
  unsent: number | null;
  onSyncNow?: () => void;
  syncDisabled: boolean;
  phase: string;
  status: ReactNode;
  children?: ReactNode;
}) {
  const header = useRef<HTMLElement>(null);
  useEffect(() => {
    // Sticky bars below the header (the form's progress) sit just under it, however tall it is.
    const element = header.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() =>
      document.documentElement.style.setProperty('--header-height', `${element.offsetHeight}px`),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <header className="app-header" ref={header}>
      <div className="header-row">
        <a className="brand" href={hrefOf({ name: 'home' })}>
          九亭镇满意度测评
        </a>
        <a className="unsent" href={hrefOf({ name: 'outbox' })}>
          未上传{' '}
          {unsent !== null ? (
            <strong data-testid="unsent-count">{unsent}</strong>
          ) : (
            <strong>…</strong>
          )}
        </a>
        <button type="button" className="sync-now" onClick={onSyncNow} disabled={syncDisabled}>
          立即同步
        </button>
      </div>
      <div className={`status-line phase-${phase}`} role="status">
        {status}
      </div>
      {children}
    </header>
  );
}
