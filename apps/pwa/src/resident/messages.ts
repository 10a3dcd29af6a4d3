import type { LinkOutcome, SubmitOutcome } from './resident-api.ts';

// Every sentence a resident can read about something that went wrong: plain words, what to do
// next, never a code or a status number.

export const LINK_MESSAGES: Record<Exclude<LinkOutcome['kind'], 'ok'>, string> = {
  invalidLink:
    '这个二维码已失效或不完整，无法打开问卷。请扫描居委会最新张贴的二维码，或向居委会咨询。',
  rateLimited: '打开的次数太多了，请过一分钟后再刷新页面。',
  unreachable: '网络不通，问卷没有打开。请检查网络后刷新页面。',
};

export const SUBMIT_MESSAGES: Record<
  Exclude<SubmitOutcome['kind'], 'received' | 'invalid'>,
  string
> = {
  invalidLink:
    '这个二维码已失效，问卷没有提交成功。您填写的内容仍保留在本页，请向居委会索取新的二维码。',
  rateLimited: '提交太频繁了，问卷没有提交成功。您填写的内容已保留，请过一分钟后点“重新提交”。',
  tooLarge: '填写的文字太长，问卷没有提交成功。请删减第12题或“其他”中的文字后重新提交。',
  unreachable: '网络不通，问卷没有提交成功。您填写的内容已保留，请检查网络后点“重新提交”。',
  serverError: '服务器暂时出了问题，问卷没有提交成功。您填写的内容已保留，请稍后点“重新提交”。',
};

/** The places a resident must still see to: 门牌地址 and question numbers, in page order. */
export function placesLeft(fields: readonly string[]): { address: boolean; numbers: number[] } {
  const numbers = new Set<number>();
  let address = false;
  for (const field of fields) {
    const number = /^q(\d+)/.exec(field)?.[1];
    if (number) numbers.add(Number(number));
    else if (field !== '') address = true;
  }
  return { address, numbers: [...numbers].sort((a, b) => a - b) };
}

export function placesLeftCount(fields: readonly string[]): number {
  const { address, numbers } = placesLeft(fields);
  return numbers.length + (address ? 1 : 0);
}

/**
 * The one message an incomplete submit announces: how many places and which, in page order
 * (each place also shows its own message in red, without being read out separately).
 */
export function invalidSummary(fields: readonly string[]): string {
  const { address, numbers } = placesLeft(fields);
  const places = [
    ...(address ? ['门牌地址'] : []),
    ...(numbers.length > 0 ? [`第${numbers.join('、')}题`] : []),
  ];
  if (places.length === 0) return '提交的内容有误，请检查后重新提交。';
  return `还有 ${placesLeftCount(fields)} 处需要填写或修改：${places.join('，')}。请看标红的地方。`;
}
