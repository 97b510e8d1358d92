import { readFileSync } from 'fs';
import { resolve } from 'path';
import { parse as parseYaml } from 'yaml';
import { createRouterFakes } from './__testUtils__/routerHarness';
import { createRoutes } from './createRouter';
import { Route } from './routes';

// The hand-written API document against the route table: every method, path,
// path parameter and query parameter served is documented, and the document
// names nothing that is not served.

type Parameter = { name?: string; in?: string; $ref?: string };
type Operation = { parameters?: Parameter[] };
type PathItem = { parameters?: Parameter[] } & Record<string, unknown>;
type OpenApiDocument = {
  paths: Record<string, PathItem>;
  components?: { parameters?: Record<string, Parameter> };
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'];

/**
 * What a route table serves, one entry per operation and per parameter:
 * `GET /a/{id}`, `GET /a/{id} path:id`, `GET /a/{id} query:limit`.
 */
function servedSurface(routes: Route[]): string[] {
  return routes.flatMap(({ method, path, query }) => {
    const operation = `${method.toUpperCase()} ${path.replace(
      /:(\w+)/g,
      '{$1}',
    )}`;
    const pathParams = [...path.matchAll(/:(\w+)/g)].map(m => m[1]);
    return [
      operation,
      ...pathParams.map(name => `${operation} path:${name}`),
      ...Object.keys(query?.shape ?? {}).map(
        name => `${operation} query:${name}`,
      ),
    ];
  });
}

/** What an OpenAPI document says is served, in the same entries. */
function documentedSurface(document: OpenApiDocument): string[] {
  const resolveRef = (parameter: Parameter): Parameter => {
    const ref = parameter.$ref?.match(/^#\/components\/parameters\/(.+)$/);
    if (!parameter.$ref) return parameter;
    const target = ref && document.components?.parameters?.[ref[1]];
    if (!target) throw new Error(`Unresolved parameter ${parameter.$ref}`);
    return target;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter(method => item[method]).flatMap(method => {
      const operation = `${method.toUpperCase()} ${path}`;
      const parameters = [
        ...(item.parameters ?? []),
        ...((item[method] as Operation).parameters ?? []),
      ].map(resolveRef);
      return [
        operation,
        ...parameters
          .filter(p => p.in === 'path' || p.in === 'query')
          .map(p => `${operation} ${p.in}:${p.name}`),
      ];
    }),
  );
}

/** Entries served but not documented, and documented but not served. */
function compareSurfaces(
  served: string[],
  documented: string[],
): { undocumented: string[]; unserved: string[] } {
  const inDocument = new Set(documented);
  const inRoutes = new Set(served);
  return {
    undocumented: [...inRoutes].filter(e => !inDocument.has(e)).sort(),
    unserved: [...inDocument].filter(e => !inRoutes.has(e)).sort(),
  };
}

const document: OpenApiDocument = parseYaml(
  readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const routes = createRoutes(createRouterFakes().deps);

describe('the OpenAPI document', () => {
  it('documents every route, path parameter and query parameter served, and nothing else', () => {
    expect(
      compareSurfaces(servedSurface(routes), documentedSurface(document)),
    ).toEqual({ undocumented: [], unserved: [] });
  });

  it('is read with every route the table holds', () => {
    // A guard against a vacuous pass: the table and the document are not empty.
    expect(routes.length).toBeGreaterThanOrEqual(19);
    expect(documentedSurface(document)).toEqual(
      expect.arrayContaining([
        'GET /entities/{kind}/{namespace}/{name}/history query:cursor',
        'PUT /campaigns/{id} path:id',
      ]),
    );
  });

  it('reports drift: a path the document lost, a query parameter it made up', () => {
    const drifted: OpenApiDocument = structuredClone(document);
    delete drifted.paths['/campaigns/{id}/versions'];
    delete drifted.paths['/model'];
    (drifted.paths['/export'].get as Operation).parameters!.push({
      name: 'sort',
      in: 'query',
    });
    const history =
      drifted.paths['/entities/{kind}/{namespace}/{name}/history'];
    (history.get as Operation).parameters = (
      history.get as Operation
    ).parameters!.filter(p => p.name !== 'limit');

    expect(
      compareSurfaces(servedSurface(routes), documentedSurface(drifted)),
    ).toEqual({
      undocumented: [
        'GET /campaigns/{id}/versions',
        'GET /campaigns/{id}/versions path:id',
        'GET /entities/{kind}/{namespace}/{name}/history query:limit',
        'GET /model',
      ],
      unserved: ['GET /export query:sort'],
    });
  });

  it('reports drift: a method or path parameter the routes do not serve', () => {
    const drifted: OpenApiDocument = structuredClone(document);
    drifted.paths['/model'].delete = { summary: 'not served' };
    drifted.paths['/campaigns/{id}'].parameters!.push({
      name: 'tenant',
      in: 'path',
    });
    expect(
      compareSurfaces(servedSurface(routes), documentedSurface(drifted)),
    ).toEqual({
      undocumented: [],
      unserved: [
        'DELETE /model',
        'GET /campaigns/{id} path:tenant',
        'PUT /campaigns/{id} path:tenant',
      ],
    });
  });
});
