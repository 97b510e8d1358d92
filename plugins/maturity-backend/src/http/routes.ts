import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parse } from './request';

type Method = 'get' | 'post' | 'put';
type QuerySchema = z.ZodObject<z.ZodRawShape>;
type QueryOf<S> = S extends QuerySchema ? z.infer<S> : undefined;

/**
 * One route of the API: its method, its path, the query it accepts (checked
 * against the OpenAPI document, and parsed before the handler runs). No body
 * is parsed here: a handler that takes one reads it (`readJsonBody`) once it
 * knows who is asking and that they may, so that nobody else gets 512 kB of
 * JSON parsed.
 */
export type Route = {
  method: Method;
  path: string;
  query?: QuerySchema;
  handle: (req: Request, res: Response, query: any) => Promise<void>;
};

/** A route whose handler receives its query parsed by `query`. */
export function route<S extends QuerySchema | undefined = undefined>(
  method: Method,
  path: string,
  options: { query?: S },
  handle: (req: Request, res: Response, query: QueryOf<S>) => Promise<void>,
): Route {
  return { method, path, ...options, handle };
}

/** The route tables as one express router. */
export function mountRoutes(routes: Route[]): express.Router {
  const router = Router();
  for (const { method, path, query, handle } of routes) {
    router[method](path, async (req: Request, res: Response) => {
      await handle(req, res, query && parse(query, req.query, 'query'));
    });
  }
  return router;
}
