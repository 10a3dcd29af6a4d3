// Interviews are held with vulnerable people (困难党员, 困境儿童, 残疾居民 …): the system must
// never need, or keep, anything that identifies them. Free text is the one place an identifier
// could slip in, so text that looks like a mobile number or a resident ID number is refused.

// An optional country code (86, +86, 0086) counts as part of the number, or `+8613812345678`
// would slip past the check for a digit before the 1.
// `(?:^|[^0-9])` rather than a lookbehind, which Safari before 16.4 cannot parse.
const MOBILE_NUMBER = /(?:^|[^0-9])(?:0{0,2}86)?1[3-9][0-9]{9}(?![0-9])/;
const RESIDENT_ID_NUMBER = /(?:^|[^0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/;

export const PERSONAL_IDENTIFIER_MESSAGE = '请勿填写手机号码或身份证号码';

/** True when the text contains something shaped like a mobile number or an 18-digit ID number. */
export function containsPersonalIdentifier(text: string): boolean {
  const plain = text.normalize('NFKC').replace(/[\s-]/g, '');
  return MOBILE_NUMBER.test(plain) || RESIDENT_ID_NUMBER.test(plain);
}
