// Characters that have no place in anything a person types, refused (never stripped: schemas
// do not transform, so what is validated is what is stored and hashed):
// - C0 and C1 control characters other than tab, line feed and carriage return (NUL among
//   them), which break exports and terminals;
// - the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
//   make text display in another order than it is stored ("Trojan Source");
// - UTF-16 surrogates that are not part of a pair, which are not text at all.
// Written without lookbehind: Safari before 16.4 cannot parse it, and this runs in the browser.
const UNSAFE_CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_CHARACTER_MESSAGE =
  '含有不允许的特殊字符（控制字符或文字方向控制符），请删除后重新填写';

/** True when the text holds a control character, a bidi override or a lone surrogate. */
export function containsUnsafeCharacter(text: string): boolean {
  return UNSAFE_CHARACTER.test(text);
}
