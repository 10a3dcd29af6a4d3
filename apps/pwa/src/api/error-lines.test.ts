import { describe, expect, it } from 'vitest';
import { ApiError } from './client.ts';
import { errorLines } from './error-lines.ts';

describe('errorLines', () => {
  const refused = () =>
    new ApiError(400, 'validation_failed', '提交的内容有误，请按提示修改', [
      { path: 'reason', message: '请写明修改采集设置的理由' },
    ]);

  it('shows the server’s message, then each field issue, with its path only when asked', () => {
    expect(errorLines(refused())).toEqual([
      '提交的内容有误，请按提示修改',
      '请写明修改采集设置的理由',
    ]);
    expect(errorLines(refused(), { withPaths: true })[1]).toBe('reason：请写明修改采集设置的理由');
  });

  it('shows a network failure or anything else as its one message', () => {
    expect(errorLines(new TypeError('Failed to fetch'))).toEqual(['Failed to fetch']);
    expect(errorLines('断网')).toEqual(['断网']);
  });
});
