import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

// Answers, addresses and password hashes live in these files: readable by the server's own
// user only, whatever umask the server was started with (a mode given to mkdir or open is
// masked by it, so each is set again with chmod).

/** Creates the directory if needed; either way, only its owner may enter it (0700). */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Creates the file empty if needed; either way, only its owner may read or write it (0600). */
export function makePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

/** An existing file made owner-only; a missing one is left missing. */
export function restrictIfPresent(path: string): void {
  if (existsSync(path)) chmodSync(path, 0o600);
}
