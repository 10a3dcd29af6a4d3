import { parentPort } from 'node:worker_threads';
import { prepareItems } from './prepare-items.ts';

export interface PrepareJob {
  seq: number;
  /** The request's JSON text, already parsed and checked once by the request's thread. */
  body: string;
  receivedAt: string;
}

export type PrepareReply =
  | { seq: number; prepared: ReturnType<typeof prepareItems> }
  | { seq: number; error: string };

// Reads the batch from the body's text itself: handing it the parsed items would cost the
// request's thread a copy of every object, about what validating them costs.
parentPort?.on('message', (job: PrepareJob) => {
  let reply: PrepareReply;
  try {
    const { items } = JSON.parse(job.body) as { items: unknown[] };
    reply = { seq: job.seq, prepared: prepareItems(items, job.receivedAt) };
  } catch (err) {
    reply = { seq: job.seq, error: String(err) };
  }
  parentPort?.postMessage(reply);
});
