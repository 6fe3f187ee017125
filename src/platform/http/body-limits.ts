/**
 * Request body limits, in one place for next.config.ts and the proxy. Next answers a server
 * action over its limit with 500 and silently truncates a body over the proxy's limit, so
 * src/proxy.ts refuses both up front, by Content-Length, with 413 and a Chinese message.
 */
const MB = 1024 * 1024;

/** Server actions: inspection photos (≤ 10 MB each) and form fields. */
export const SERVER_ACTION_BODY_LIMIT_MB = 11;
/** Everything that passes the proxy: boundary files (≤ import.maxFileMb, at most 29 MB through here). */
export const PROXY_BODY_LIMIT_MB = 30;

export type BodyLimitResult = { ok: true } | { ok: false; limitMb: number; message: string };

/** By the declared length; a body without one is left to the route (browsers always declare it). */
export function checkBodyLimit(input: { method: string; contentLength: string | null; serverAction: boolean }): BodyLimitResult {
  if (input.method === 'GET' || input.method === 'HEAD' || !input.contentLength) return { ok: true };
  const length = /^\d{1,16}$/.test(input.contentLength.trim()) ? Number(input.contentLength.trim()) : NaN;
  const limitMb = input.serverAction ? SERVER_ACTION_BODY_LIMIT_MB : PROXY_BODY_LIMIT_MB;
  if (Number.isFinite(length) && length <= limitMb * MB) return { ok: true };
  const sizeText = Number.isFinite(length) ? `${(length / MB).toFixed(1)} MB` : '无法识别';
  return { ok: false, limitMb, message: `提交的内容过大（${sizeText}），超过上限 ${limitMb} MB，请减小文件后重试` };
}

/** Boundary imports: the file limit (import.maxFileMb) plus room for the form's other fields. */
export const importBodyLimitBytes = (maxFileMb: number) => maxFileMb * MB + MB;
