/**
 * Where the playground's encoding runs: in a Web Worker when the browser has them (the page's CSP allows
 * `worker-src 'self'`), else on the page, where the island waits for a pause in typing before encoding long text.
 * Only the newest request per vocabulary is kept while one is running, and a result that newer text has overtaken is
 * dropped, so a burst of keystrokes costs one encoding and one redraw after the current one.
 */
import type { EncodeRequest, EncodeResult } from './encode-job';

export interface EncoderClient {
  /** True when encoding runs off the page's main thread. */
  readonly background: boolean;
  /** Encodes; resolves to null when a newer request for the same vocabulary came in before the result did. */
  encode(request: EncodeRequest): Promise<EncodeResult | null>;
}

type Run = (request: EncodeRequest) => Promise<EncodeResult>;

const onPage: Run = (request) => import('./encode-job').then((m) => m.runEncode(request));

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./encode.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

function inWorker(worker: Worker, fallBack: () => void): Run {
  let next = 0;
  const waiting = new Map<number, { request: EncodeRequest; resolve: (r: EncodeResult) => void; reject: (e: Error) => void }>();
  worker.onmessage = (event: MessageEvent<{ id: number; result?: EncodeResult; error?: string }>) => {
    const job = waiting.get(event.data.id);
    if (!job) return;
    waiting.delete(event.data.id);
    if (event.data.result) job.resolve(event.data.result);
    else job.reject(new Error(event.data.error ?? 'encoding failed'));
  };
  // A worker that cannot start (a blocked or failed script): finish its jobs on the page and stop using it.
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    fallBack();
    for (const job of waiting.values()) onPage(job.request).then(job.resolve, job.reject);
    waiting.clear();
  };
  return (request) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { request, resolve, reject });
      worker.postMessage({ id, request });
    });
}

export function createEncoderClient(): EncoderClient {
  let run: Run = onPage;
  let background = false;
  const worker = startWorker();
  if (worker) {
    background = true;
    run = inWorker(worker, () => {
      run = onPage;
      background = false;
    });
  }
  // Per vocabulary: whether a job is running, and the newest request waiting behind it.
  const busy = new Set<string>();
  const queued = new Map<string, { request: EncodeRequest; resolve: (r: EncodeResult | null) => void; reject: (e: unknown) => void }>();
  const start = (request: EncodeRequest, resolve: (r: EncodeResult | null) => void, reject: (e: unknown) => void) => {
    busy.add(request.vocab);
    const next = () => {
      busy.delete(request.vocab);
      const waitingJob = queued.get(request.vocab);
      if (!waitingJob) return false;
      queued.delete(request.vocab);
      start(waitingJob.request, waitingJob.resolve, waitingJob.reject);
      return true;
    };
    run(request).then(
      // A result already overtaken by newer text is not drawn: the page redraws once the encoder has caught up.
      (result) => resolve(next() ? null : result),
      (error) => {
        next();
        reject(error);
      },
    );
  };
  return {
    get background() {
      return background;
    },
    encode: (request) =>
      new Promise((resolve, reject) => {
        if (!busy.has(request.vocab)) return start(request, resolve, reject);
        queued.get(request.vocab)?.resolve(null);
        queued.set(request.vocab, { request, resolve, reject });
      }),
  };
}
