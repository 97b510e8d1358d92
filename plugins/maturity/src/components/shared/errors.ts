import { ResponseError } from '@backstage/errors';

// Checked by name rather than instanceof: the error may come from another
// copy of @backstage/errors.
function asResponseError(error: unknown): ResponseError | undefined {
  return error instanceof Error && error.name === 'ResponseError'
    ? (error as ResponseError)
    : undefined;
}

export function responseStatus(error: unknown): number | undefined {
  return asResponseError(error)?.statusCode;
}

/** The message the server sent, without the client's "Request failed" wrapping. */
export function serverMessage(error: unknown): string {
  const responseError = asResponseError(error);
  if (!responseError) {
    return error instanceof Error ? error.message : String(error);
  }
  const message = responseError.body.error.message;
  // ResponseError only parses bodies that carry Backstage's "response" field;
  // any other JSON error body ends up as raw text after this prefix.
  const raw = /^Request failed with status \d+[^,]*, ([\s\S]*)$/.exec(
    message,
  )?.[1];
  if (raw) {
    try {
      const parsed = JSON.parse(raw);
      if (typeof parsed?.error?.message === 'string') {
        return parsed.error.message;
      }
    } catch {
      // Not JSON: the raw text is the best message there is.
    }
  }
  return message;
}
