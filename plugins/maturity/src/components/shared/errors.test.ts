import { ResponseError } from '@backstage/errors';
import { responseStatus, serverMessage } from './errors';

function response(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('serverMessage', () => {
  it('reads a full Backstage error body', async () => {
    const error = await ResponseError.fromResponse(
      response(400, {
        error: { name: 'InputError', message: 'Invalid assessment: x' },
        response: { statusCode: 400 },
      }),
    );
    expect(responseStatus(error)).toBe(400);
    expect(serverMessage(error)).toBe('Invalid assessment: x');
  });

  it('reads a body with only the error object', async () => {
    const error = await ResponseError.fromResponse(
      response(400, {
        error: { name: 'InputError', message: 'Invalid assessment: y' },
      }),
    );
    expect(serverMessage(error)).toBe('Invalid assessment: y');
  });

  it('falls back to the message of other errors', () => {
    expect(serverMessage(new Error('offline'))).toBe('offline');
    expect(responseStatus(new Error('offline'))).toBeUndefined();
  });
});
