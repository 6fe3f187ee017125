import { makePacer } from '../geo/import/yield';

/**
 * A JSON response whose one large array (e.g. the 5,000 parcels of an import preview, ~20 MB of
 * coordinates) is stringified in slices while the body streams out, so building the response
 * never blocks the event loop for other users' requests (Response.json stringifies in one go).
 * `path` names the array: body[path[0]][path[1]]…; the objects on the way are copied with the
 * array moved to their last key, so the JSON text is the same as JSON.stringify's bar key order.
 */
export function slicedJsonResponse(status: number, body: Record<string, unknown>, path: readonly string[], headers: Record<string, string> = {}): Response {
  const items = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], body);
  if (!Array.isArray(items)) return Response.json(body, { status, headers });
  const withEmpty = (node: Record<string, unknown>, depth: number): Record<string, unknown> => {
    const { [path[depth]]: child, ...rest } = node;
    return { ...rest, [path[depth]]: depth === path.length - 1 ? [] : withEmpty(child as Record<string, unknown>, depth + 1) };
  };
  const shell = JSON.stringify(withEmpty(body, 0));
  const tail = ']' + '}'.repeat(path.length);
  if (!shell.endsWith('[' + tail)) return Response.json(body, { status, headers });
  const head = shell.slice(0, shell.length - tail.length);
  const encoder = new TextEncoder();
  let next = 0;
  const pace = makePacer();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      const parts: string[] = [];
      const started = performance.now();
      // About one pacer slice of work per chunk; then the stream waits for the reader.
      while (next < items.length && performance.now() - started < 10) {
        parts.push((next > 0 ? ',' : '') + JSON.stringify(items[next] ?? null));
        next++;
      }
      if (parts.length > 0) controller.enqueue(encoder.encode(parts.join('')));
      if (next >= items.length) {
        controller.enqueue(encoder.encode(tail));
        controller.close();
      } else {
        await pace();
      }
    },
  });
  return new Response(stream, { status, headers: { 'content-type': 'application/json', ...headers } });
}
