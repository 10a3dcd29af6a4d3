// The same characters @jiuting/questionnaire refuses in anything a person types (see its
// text.ts): C0/C1 controls other than tab, CR and LF, the bidi embeddings, overrides and
// isolates, and lone surrogates. Kept as one expression here too, so this package stays free of
// dependencies; the two tests hold the same cases. No lookbehind: Safari before 16.4 cannot
// parse it.
const UNSAFE_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_CHARACTER_MESSAGE =
  '含有不允许的特殊字符（控制字符或文字方向控制符），请删除后重新填写';

/** True when the text holds a control character, a bidi override or a lone surrogate. */
export function containsUnsafeCharacter(text: string): boolean {
  return UNSAFE_CHARACTER.test(text);
}
