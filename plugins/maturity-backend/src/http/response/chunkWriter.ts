import { Response } from 'express';

/**
 * Writes the chunks of a streamed answer and, when the client reads slower
 * than the server writes, waits for it to catch up: without this a slow
 * reader makes the server buffer the whole answer in memory.
 *
 * One `drain` listener serves every wait: the compression middleware moves
 * `drain` listeners onto its own stream, where `once` listeners are never
 * removed, so a listener per wait would pile up.
 */
export function chunkWriter(res: Response): (chunk: string) => Promise<void> {
  let pending:
    | { resolve: () => void; reject: (error: Error) => void }
    | undefined;
  const settle = (error?: Error) => {
    const waiting = pending;
    pending = undefined;
    if (error) waiting?.reject(error);
    else waiting?.resolve();
  };
  res.on('drain', () => settle());
  res.on('close', () => settle(new Error('The client closed the connection')));
  return async chunk => {
    if (res.write(chunk)) return;
    if (res.destroyed) throw new Error('The client closed the connection');
    await new Promise<void>((resolve, reject) => {
      pending = { resolve, reject };
    });
  };
}
