// Test-only: the dashboard inside its providers, talking to a scripted fake server.
import type { ReactElement } from 'react';
import { type Handler, renderWithFakeServer } from '../../test/fake-server.tsx';

export type { Call, Handler } from '../../test/fake-server.tsx';

export function renderDashboard(ui: ReactElement, handler: Handler) {
  return renderWithFakeServer(ui, handler);
}
