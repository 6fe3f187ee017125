/**
 * Worker-thread entry of the boundary-file parser (started by ./off-thread.ts): one request, one
 * answer, then the thread ends. The bytes arrive transferred (no copy); the result goes back
 * packed into transferred typed arrays (./packed-result.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseBoundaryFile } from './index';
import { packImportResult, packedTransferList } from './packed-result';
import type { ParseOptions } from './types';

interface ParseRequest {
  fileName: string;
  bytes: Uint8Array;
  opts: ParseOptions;
}

const port = parentPort;
if (port) {
  const { fileName, bytes, opts } = workerData as ParseRequest;
  parseBoundaryFile(fileName, bytes, opts).then(
    (result) => {
      const packed = packImportResult(result);
      port.postMessage({ ok: true, packed }, packedTransferList(packed));
    },
    (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? `${error.name}: ${error.message.slice(0, 300)}` : 'unknown' }),
  );
}
