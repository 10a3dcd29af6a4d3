import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  readonly error: Error | null;
}

/**
 * A screen that throws (a lazy chunk that cannot load offline, a bug) shows a way back instead of
 * a white page; the header with the unsent count stays, and nothing stored is touched.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen failed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="warning" role="alert">
        <p>这个页面打不开（可能是离线时首次打开）。已保存的记录不受影响。</p>
        <a className="button big" href="#/">
          返回首页
        </a>
      </main>
    );
  }
}
