interface ThankYouProps {
  readonly communityName: string;
  readonly repeat: boolean;
  readonly onAnother: () => void;
}

/** After the server has the answers. A repeat household is thanked the same way. */
export function ThankYou({ communityName, repeat, onAnother }: ThankYouProps) {
  return (
    <main className="thanks" aria-live="polite">
      <h1>感谢您的参与！</h1>
      <p>您对{communityName}的测评问卷已经提交成功。</p>
      {repeat ? (
        <p className="note">本户之前已经提交过问卷，这一份同样已收到，统计时每户只计一次。</p>
      ) : null}
      <p>现在可以关闭本页面。</p>
      <button type="button" className="link" onClick={onAnother}>
        为另一户填写
      </button>
    </main>
  );
}
