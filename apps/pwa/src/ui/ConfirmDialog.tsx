import { type ReactNode, useEffect, useRef } from 'react';

interface ConfirmDialogProps {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly cancelLabel?: string;
  readonly danger?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  /** A choice the confirmation depends on, shown under the message. */
  readonly children?: ReactNode;
}

/** An in-page confirmation (window.confirm is blocked inside some WeChat/webview shells). */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="dialog-title">
        <h2 id="dialog-title">{props.title}</h2>
        <p>{props.message}</p>
        {props.children}
        <div className="dialog-actions">
          <button type="button" ref={cancel} onClick={props.onCancel}>
            {props.cancelLabel ?? '取消'}
          </button>
          <button
            type="button"
            className={props.danger ? 'danger' : 'primary'}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
