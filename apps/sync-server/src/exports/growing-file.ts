import { close, fstatSync, read } from 'node:fs';
import { Readable } from 'node:stream';

const CHUNK = 64 * 1024;

/**
 * A file another thread is still writing, read as it grows, so a download starts while its
 * export is still being written. The writer says how far the file is on disk (`grown`), that it
 * is complete (`complete`), or that it never will be (`fail`: the stream gives what was written,
 * then errors, so a download that has started ends unfinished rather than looking whole). Reads
 * never pass what the writer said is there.
 * Owns `fd` (closed when the stream ends or is destroyed).
 */
export class GrowingFile extends Readable {
  readonly #fd: number;
  #position = 0;
  #written = 0;
  #complete = false;
  #failed: Error | undefined;
  #waiting = false;
  /** A read in flight: the descriptor is closed only after it, never under it. */
  #reading: Promise<void> | undefined;

  constructor(fd: number) {
    super({ highWaterMark: CHUNK });
    this.#fd = fd;
  }

  grown(bytes: number): void {
    if (this.destroyed) return;
    this.#written = Math.max(this.#written, bytes);
    this.#wake();
  }

  complete(): void {
    if (this.destroyed) return;
    this.#written = fstatSync(this.#fd).size;
    this.#complete = true;
    this.#wake();
  }

  fail(err: Error): void {
    // Not at once: what is written goes first. Fastify answers a stream that errors before its
    // first byte with the error handler's JSON under the file's headers (a 500); one that has
    // sent bytes, it cuts off.
    if (this.destroyed) return;
    this.#failed = err;
    this.#wake();
  }

  #wake() {
    if (!this.#waiting) return;
    this.#waiting = false;
    this._read(CHUNK);
  }

  override _read(size: number): void {
    const available = this.#written - this.#position;
    if (available <= 0) {
      if (this.#failed) this.destroy(this.#failed);
      else if (this.#complete) this.push(null);
      else this.#waiting = true;
      return;
    }
    const length = Math.min(available, Math.max(size, CHUNK));
    const buffer = Buffer.allocUnsafe(length);
    this.#reading = new Promise((settle) => {
      read(this.#fd, buffer, 0, length, this.#position, (err, n) => {
        this.#reading = undefined;
        settle();
        if (this.destroyed) return;
        if (err) return void this.destroy(err);
        if (n === 0) return void this.destroy(new Error('the export file is shorter than written'));
        this.#position += n;
        this.push(n < length ? buffer.subarray(0, n) : buffer);
      });
    });
  }

  override _destroy(err: Error | null, callback: (err: Error | null) => void): void {
    const closeFd = () => close(this.#fd, () => callback(err));
    if (this.#reading) this.#reading.then(closeFd);
    else closeFd();
  }
}
