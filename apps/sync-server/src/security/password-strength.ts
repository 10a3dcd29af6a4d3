import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * zxcvbn's score 3: at least 10^8 guesses for an attacker who tries common passwords, keyboard
 * walks, sequences, repeats, dates and the account's own names first. `1234567890`, `password12`
 * and `qwertyuiop` fall far short; an 18-character random password is far above.
 */
const MIN_SCORE = 3;

export const WEAK_PASSWORD_MESSAGE =
  '密码太常见或太有规律（如 1234567890、password12、qwertyuiop、与用户名相近），请换一个更难猜的密码';

// Built on first use: loading the dictionaries takes a few milliseconds, at a password change.
let factory: ZxcvbnFactory | undefined;

/** Whether a password is strong enough; `userInputs` are the account's own names and the town's. */
export function isStrongPassword(password: string, userInputs: readonly string[] = []): boolean {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const inputs = [...userInputs, 'jiuting', 'jiutingzhen', '九亭', '九亭镇'];
  return factory.check(password, inputs).score >= MIN_SCORE;
}
