import type { ReactElement } from 'react';
import { type Handler, renderWithFakeServer } from '../../test/fake-server.tsx';

// Tests render the assessment screens against a small in-memory stand-in for the server's
// /api/assessment routes, and read what the screens sent.

export type { Call, Handler } from '../../test/fake-server.tsx';

export function renderWithServer(ui: ReactElement, handler: Handler) {
  const { server, ...result } = renderWithFakeServer(ui, handler);
  return { ...result, calls: server.calls };
}

export const COMMUNITIES = Array.from({ length: 27 }, (_, i) => ({
  code: `JT${String(i + 1).padStart(2, '0')}`,
  name: `九亭${i + 1}居`,
  type: i < 18 ? '导入居' : '村改居',
}));
