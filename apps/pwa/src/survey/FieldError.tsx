/** A field's error in Chinese, read out by screen readers as it appears; nothing when valid. */
export function FieldError({ message }: { message: string | undefined }) {
  return message ? (
    <p className="field-error" role="alert">
      {message}
    </p>
  ) : null;
}
