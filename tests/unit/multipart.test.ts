import { describe, expect, it } from 'vitest';
import { parseMultipart, readBodyLimited } from '../../src/platform/http/multipart';

async function encode(form: FormData): Promise<{ body: Uint8Array; type: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

describe('大文件导入不阻塞他人: multipart upload read without formData()', () => {
  it('reads fields and the file as the platform encodes them (Chinese names, quotes, binary content)', async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    const form = new FormData();
    form.append('file', new Blob([bytes]), '地块 "边界".geojson');
    form.append('projectId', 'P-001');
    form.append('zone', '38');
    form.append('commit', '1');
    const { body, type } = await encode(form);
    const parsed = parseMultipart(body, type)!;
    expect(parsed.files.get('file')!.name).toBe('地块 "边界".geojson');
    expect(parsed.files.get('file')!.bytes).toEqual(bytes);
    expect(Object.fromEntries(parsed.fields)).toEqual({ projectId: 'P-001', zone: '38', commit: '1' });
  });

  it('refuses what is not well-formed multipart', async () => {
    const form = new FormData();
    form.append('file', new Blob(['{}']), 'a.geojson');
    const { body, type } = await encode(form);
    expect(parseMultipart(body, 'application/json')).toBeNull();
    expect(parseMultipart(body, null)).toBeNull();
    expect(parseMultipart(body.subarray(0, body.length - 30), type)).toBeNull();
    expect(parseMultipart(new TextEncoder().encode('garbage'), type)).toBeNull();
  });

  it('reads a streamed body up to the limit and refuses a larger one', async () => {
    const chunks = [new Uint8Array(1000).fill(1), new Uint8Array(1000).fill(2), new Uint8Array(500).fill(3)];
    const streamed = () =>
      new Request('http://localhost/', {
        method: 'POST',
        body: new ReadableStream({
          start(c) {
            for (const chunk of chunks) c.enqueue(chunk);
            c.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    const read = await readBodyLimited(streamed(), 2500);
    expect(read!.byteLength).toBe(2500);
    expect(read![1999]).toBe(2);
    expect(read![2499]).toBe(3);
    expect(await readBodyLimited(streamed(), 2499)).toBeNull();
  });
});
