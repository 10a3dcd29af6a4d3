import { useState } from 'react';
import type { UpdateHandle } from './register-sw.ts';

/** Announces a new version; nothing reloads until the user taps 更新. */
export function UpdatePrompt({ update, onLater }: { update: UpdateHandle; onLater: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="update-prompt" role="status">
      <span>有新版本可用。草稿会先保存，再更新。</span>
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void update.apply();
        }}
      >
        更新
      </button>
      <button type="button" onClick={onLater}>
        稍后
      </button>
    </div>
  );
}
