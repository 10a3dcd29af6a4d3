interface ThankYouProps {
  readonly communityName: string;
  readonly onAnother: () => void;
}

/**
 * After the server has the answers. The same for every household: the server does not say
 * whether the household had answered before, so the page cannot reveal it to a stranger.
 */
export function ThankYou({ communityName, onAnother }: ThankYouProps) {
  return (
    <main className="thanks" aria-live="polite">
      <h1>感谢您的参与！</h1>
      <p>您对{communityName}的测评问卷已经提交成功。</p>
      <p>现在可以关闭本页面。</p>
      <button type="button" className="link" onClick={onAnother}>
        为另一户填写
      </button>
    </main>
  );
}
