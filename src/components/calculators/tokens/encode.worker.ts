/// <reference lib="webworker" />
/**
 * The playground's encoder thread: vocabularies load and long texts encode here, so typing never waits for them.
 * Each message is one EncodeRequest with an id; the reply carries the same id.
 */
import { runEncode, type EncodeRequest } from './encode-job';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<{ id: number; request: EncodeRequest }>) => {
  const { id, request } = event.data;
  try {
    self.postMessage({ id, result: await runEncode(request) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
