import { Response } from 'express';

/**
 * Writes a chunk of a streamed answer and, when the client reads slower than
 * the server writes, waits for it to catch up: without this a slow reader
 * makes the server buffer the whole answer in memory.
 */
export async function writeChunk(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const closed = () => reject(new Error('The client closed the connection'));
    res.once('close', closed);
    res.once('drain', () => {
      res.removeListener('close', closed);
      resolve();
    });
  });
}
