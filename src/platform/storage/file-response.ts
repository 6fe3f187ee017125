import 'server-only';
import { readStoredFile } from './file-store';
import { contentDisposition } from './content-disposition';

/** Types a browser may show inline; anything else is offered as a download. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf', 'text/plain']);

/** A JSON error answer the file routes share (never cached). */
export const fileError = (status: number, error: string) => Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });

/** Whether the answer shows the file in the browser (a type it can show, no download asked for). */
export function servesInline(mimeType: string, opts: { download?: boolean } = {}): boolean {
  return !opts.download && INLINE_TYPES.has(mimeType);
}

/**
 * The bytes of a stored attachment the caller has already found and allowed: with its type and a
 * UTF-8 file name, inline when a browser can show it (unless a download is asked for), 404 when
 * the stored content is missing or no longer matches its SM3 digest.
 */
export async function storedFileResponse(file: { sm3: string; mimeType: string; fileName: string }, opts: { download?: boolean } = {}): Promise<Response> {
  const data = await readStoredFile(file.sm3);
  if (!data) return fileError(404, '文件内容缺失或与登记的摘要不符，请联系系统管理员');
  return fileBytesResponse(file, data, opts);
}

/**
 * The answer for bytes already read and checked against the file's digest. `noStore`: the browser
 * keeps no copy, so every view comes back to the server (where each one is audited).
 */
export function fileBytesResponse(file: { sm3: string; mimeType: string; fileName: string }, data: Buffer, opts: { download?: boolean; noStore?: boolean } = {}): Response {
  return new Response(new Uint8Array(data), {
    headers: {
      'content-type': file.mimeType,
      'content-length': String(data.byteLength),
      'content-disposition': contentDisposition(file.fileName, servesInline(file.mimeType, opts) ? 'inline' : 'attachment'),
      'x-content-type-options': 'nosniff',
      'cache-control': opts.noStore ? 'no-store' : 'private, max-age=300',
      etag: `"${file.sm3}"`,
    },
  });
}
