import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import express, { Request, Response } from 'express';
import { z } from 'zod';
import { readCaller } from '../permissions/readVisibility';
import type { Caller } from '../services/VisibleIndex';

/** Larger bodies answer 413: a full assessment with notes is well below it. */
export const BODY_LIMIT = '512kb';

/** Validates input with a schema; a 400 that names every problem otherwise. */
export function parse<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InputError(`Invalid ${what}: ${formatIssues(result.error)}`);
  }
  return result.data;
}

/** Zod's issues as one line: `path: message; …`. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

// The catalog's own grammar for ref parts; anything else (":", "/", spaces)
// cannot name an entity, so it is a 400 rather than a failed lookup.
const refPart = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    message: 'must be letters, digits, ".", "_" or "-"',
  });
const pathParams = z.object({
  kind: refPart.optional(),
  namespace: refPart,
  name: refPart,
});

/** The entity ref in a path's `:kind/:namespace/:name` (or a fixed kind). */
export function refFromPath(req: Request, kind?: string): string {
  const params = parse(pathParams, req.params, 'entity path');
  return stringifyEntityRef({
    kind: kind ?? params.kind!,
    namespace: params.namespace,
    name: params.name,
  });
}

const campaignPathParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, { message: 'must be a campaign id' }),
});

/** The campaign id in a path's `:id`. */
export function campaignIdFromPath(req: Request): string {
  return parse(campaignPathParams, req.params, 'campaign path').id;
}

const jsonBody = express.json({ limit: BODY_LIMIT });

/** Parses the body inside a handler, so that a 413 is audited like a 400. */
export function readJsonBody(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) =>
    jsonBody(req, res, error => (error ? reject(error) : resolve())),
  );
}

/** Reads who is asking and what of the catalog they may see: once a request. */
export function createCallerReader(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): (req: Request) => Promise<Caller> {
  return async req =>
    readCaller(deps.permissions, await deps.httpAuth.credentials(req));
}
