/**
 * A multipart/form-data reader for large uploads that does not stall the event loop. The
 * platform's `request.formData()` parses a 19 MB body in one synchronous pass and copies the
 * file again in `file.arrayBuffer()` (together 0.3–1 s on a loaded server, during which no other
 * request is served). Here the body is read as it streams in, the parts are found with the
 * native `Buffer.indexOf`, and file contents are views into the body (no copy).
 */
export interface MultipartFile {
  name: string;
  bytes: Uint8Array;
}

export interface MultipartBody {
  fields: Map<string, string>;
  files: Map<string, MultipartFile>;
}

function boundaryOf(contentType: string | null): string | null {
  const match = /^multipart\/form-data\s*;.*?\bboundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]) : null;
}

function param(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ?? new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(header);
  if (!match) return null;
  // Browsers send names raw in UTF-8 with '"' as %22 and line breaks as %0A/%0D.
  return match[1].replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/\\(.)/g, '$1');
}

/** Null when the body is not well-formed multipart (the caller answers 400). */
export function parseMultipart(body: Uint8Array, contentType: string | null): MultipartBody | null {
  const boundary = boundaryOf(contentType);
  if (!boundary) return null;
  const buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new Map<string, string>();
  const files = new Map<string, MultipartFile>();
  let at = buffer.indexOf(delimiter);
  if (at < 0) return null;
  const decoder = new TextDecoder('utf-8');
  for (;;) {
    at += delimiter.length;
    // "--" after a delimiter ends the body.
    if (buffer[at] === 0x2d && buffer[at + 1] === 0x2d) break;
    if (buffer[at] !== 0x0d || buffer[at + 1] !== 0x0a) return null;
    const headersEnd = buffer.indexOf('\r\n\r\n', at + 2);
    if (headersEnd < 0 || headersEnd - at > 16 * 1024) return null;
    const headers = decoder.decode(buffer.subarray(at + 2, headersEnd));
    const next = buffer.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd + 4);
    if (next < 0) return null;
    const content = body.subarray(headersEnd + 4, next);
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers);
    if (disposition) {
      const name = param(disposition[1], 'name');
      const fileName = param(disposition[1], 'filename');
      if (name !== null) {
        if (fileName !== null) files.set(name, { name: fileName, bytes: content });
        else fields.set(name, decoder.decode(content));
      }
    }
    at = next + 2;
  }
  return { fields, files };
}

/**
 * Reads a request body of at most `maxBytes` chunk by chunk into one buffer (each chunk is one
 * short copy, so other requests are served in between). Null when the body is larger.
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const declared = Number(request.headers.get('content-length') ?? '');
  let out = new Uint8Array(Number.isFinite(declared) && declared > 0 && declared <= maxBytes ? declared : Math.min(maxBytes, 1024 * 1024));
  let length = 0;
  const reader = request.body.getReader();
  let sinceYield = 0;
  for (;;) {
    // A body already buffered (Next holds it while the proxy runs) is read in promise callbacks
    // that never return to the event loop: a pause every MB lets other requests in.
    if (sinceYield >= 1024 * 1024) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.byteLength > maxBytes) {
      await reader.cancel();
      return null;
    }
    if (length + value.byteLength > out.byteLength) {
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(out.byteLength * 2, length + value.byteLength)));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(value, length);
    length += value.byteLength;
    sinceYield += value.byteLength;
  }
  return out.subarray(0, length);
}
