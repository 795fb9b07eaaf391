import type { FastifyRequest } from 'fastify';

/**
 * A content-type parser that reads an uploaded file into a Buffer and refuses it with the route's
 * own coded error as soon as it passes `limit` (a declared Content-Length over it is refused before
 * a byte is read), rather than fastify's generic body limit.
 */
export function rawBodyParser(limit: number, tooLarge: () => Error) {
  return (req: FastifyRequest, payload: NodeJS.ReadableStream, done: (err: Error | null, body?: Buffer) => void) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return done(tooLarge());
    const parts: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (err: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      done(err, body);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        payload.removeAllListeners('data');
        payload.resume();
        return finish(tooLarge());
      }
      parts.push(chunk);
    });
    payload.on('end', () => finish(null, Buffer.concat(parts)));
    payload.on('error', (err: Error) => finish(err));
  };
}
