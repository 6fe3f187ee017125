/**
 * Boundary files are parsed in a worker thread (node:worker_threads), so one user's 20 MB
 * GeoJSON — whose `JSON.parse` alone takes 0.3–0.5 s — never holds up other users' requests
 * (等保 8.1.4 资源控制). At most PARSE_THREADS files are parsed at once; more wait their turn.
 *
 * How the worker is found: in the Next.js server (`next start`, and the standalone server of the
 * offline bundle) Turbopack bundles `new Worker(new URL('./parse-worker.ts', import.meta.url))`
 * as a worker entry of its own, emitted next to the server chunks (so the standalone output
 * carries it with .next/server). Outside Next (vitest, tsx scripts) the TypeScript entry is
 * loaded through tsx. If a worker cannot be started at all, the file is parsed in this thread
 * (the parser yields to the event loop between slices) and a warning is logged once.
 */
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { briefError, getLogger } from '../../logger';
import { parseBoundaryFile } from './index';
import type { ImportResult, ParseOptions } from './types';
import { unpackImportResult, type PackedImportResult } from './packed-result';

export const PARSE_THREADS = 2;
/** A parse that takes longer than this is stopped (the thread is terminated). */
const PARSE_TIMEOUT_MS = 120_000;

let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < PARSE_THREADS) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

const TSX_BOOTSTRAP = "require('tsx/cjs/api').register(); require(require('node:worker_threads').workerData.entry);";

function startWorker(data: { fileName: string; bytes: Uint8Array; opts: ParseOptions }, transfer: ArrayBuffer[]): Worker {
  if (process.env.NEXT_RUNTIME) {
    return new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: data, transferList: transfer });
  }
  const entry = fileURLToPath(new URL('./parse-worker.ts', import.meta.url));
  return new Worker(TSX_BOOTSTRAP, { eval: true, workerData: { ...data, entry }, transferList: transfer });
}

let warned = false;

/** How parses ran since start (tests check that the worker thread really did the work). */
export const parseThreadStats = { inWorker: 0, inMainThread: 0 };

/** Parse result of the worker; rejects when no worker could run the parse. */
function parseInWorker(fileName: string, bytes: Uint8Array, opts: ParseOptions): Promise<ImportResult> {
  // A private copy whose buffer is transferred to the worker (the caller keeps its bytes).
  const copy = bytes.slice();
  return new Promise<ImportResult>((resolve, reject) => {
    let settled = false;
    const worker = startWorker({ fileName, bytes: copy, opts }, [copy.buffer as ArrayBuffer]);
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => resolve({ format: null, features: [], problems: [{ index: null, message: '文件处理超时，请减少文件中的地块数后重试' }], sourceCrs: '' })), PARSE_TIMEOUT_MS);
    worker.once('message', (message: { ok: true; packed: PackedImportResult } | { ok: false; message: string }) =>
      finish(() => (message.ok ? resolve(unpackImportResult(message.packed)) : reject(new Error(message.message)))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`parse worker exited with code ${code}`))));
  });
}

/**
 * parseBoundaryFile in a worker thread: same contract (never throws for bad input; every failure
 * is a problem with a Chinese message).
 */
export async function parseBoundaryFileOffThread(fileName: string, bytes: Uint8Array, opts: ParseOptions): Promise<ImportResult> {
  await acquire();
  try {
    const result = await parseInWorker(fileName, bytes, opts);
    parseThreadStats.inWorker++;
    return result;
  } catch (error) {
    if (!warned) {
      warned = true;
      getLogger().warn({ error: briefError(error) }, 'boundary import: worker thread unavailable, parsing in the main thread');
    }
    parseThreadStats.inMainThread++;
    return await parseBoundaryFile(fileName, bytes, opts);
  } finally {
    releaseSlot();
  }
}
