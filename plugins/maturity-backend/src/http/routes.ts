import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { BODY_LIMIT, parse } from './request';

type Method = 'get' | 'post' | 'put';
type QuerySchema = z.ZodObject<z.ZodRawShape>;
type QueryOf<S> = S extends QuerySchema ? z.infer<S> : undefined;

/**
 * One route of the API: its method, its path, the query it accepts (checked
 * against the OpenAPI document, and parsed before the handler runs) and,
 * when `jsonBody` is set, a JSON body parsed before the handler (handlers
 * that audit a 413 parse their body themselves).
 */
export type Route = {
  method: Method;
  path: string;
  query?: QuerySchema;
  jsonBody?: boolean;
  handle: (req: Request, res: Response, query: any) => Promise<void>;
};

/** A route whose handler receives its query parsed by `query`. */
export function route<S extends QuerySchema | undefined = undefined>(
  method: Method,
  path: string,
  options: { query?: S; jsonBody?: boolean },
  handle: (req: Request, res: Response, query: QueryOf<S>) => Promise<void>,
): Route {
  return { method, path, ...options, handle };
}

/** The route tables as one express router. */
export function mountRoutes(routes: Route[]): express.Router {
  const router = Router();
  const jsonBody = express.json({ limit: BODY_LIMIT });
  for (const { method, path, query, jsonBody: withBody, handle } of routes) {
    const handler = async (req: Request, res: Response) => {
      await handle(req, res, query && parse(query, req.query, 'query'));
    };
    if (withBody) router[method](path, jsonBody, handler);
    else router[method](path, handler);
  }
  return router;
}
