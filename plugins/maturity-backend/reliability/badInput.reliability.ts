/* eslint-disable no-console */
/*
 * Group 1, bad input: generated payloads, entity paths and query strings
 * against the real router and a real database (SQLite always, PostgreSQL
 * when configured). What users rely on: never a 5xx, every 4xx is
 * Backstage's JSON error, a 400 on the body names the offending field, an
 * invalid payload stores nothing, and text comes back exactly as sent.
 *
 * The properties collect violations instead of stopping at the first, so a
 * failure lists every kind of bad answer seen in the run (with examples);
 * explicit minimal cases follow for what the runs found.
 */
import fc from 'fast-check';
import { Knex } from 'knex';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import {
  corruption,
  cursor as cursorArb,
  entityEndpoint,
  MARKUP,
  pathSegment,
  QueryEndpoint,
  queryString,
  text,
  validBody,
} from './__testUtils__/arbitraries';
import { FUZZ_RUNS, inProcessDatabaseIds } from './__testUtils__/env';
import {
  ADMIN,
  as,
  OWNER,
  validSubmission,
} from '../src/__testUtils__/fixtures';
import {
  Answer,
  Client,
  createClient,
  isBackstageError,
} from './__testUtils__/http';
import { startInProcessBackend } from './__testUtils__/inProcessBackend';

const databases = createTestDatabases();
const ids = inProcessDatabaseIds(databases, 'bad input');

const user = { Authorization: as(OWNER) };
const FUZZ_TARGET = 'fuzz-target';
const ENTITY = `/entities/component/default/${FUZZ_TARGET}`;

/** Violations grouped by kind, with the first few examples of each. */
class Violations {
  private readonly byKind = new Map<
    string,
    { count: number; examples: string[] }
  >();

  add(kind: string, example: string) {
    const entry = this.byKind.get(kind) ?? { count: 0, examples: [] };
    entry.count += 1;
    if (entry.examples.length < 3) entry.examples.push(example.slice(0, 400));
    this.byKind.set(kind, entry);
  }

  /** One line per kind: empty when the property held on every run. */
  summary(): string[] {
    return [...this.byKind].map(
      ([kind, { count, examples }]) =>
        `${count}× ${kind}; e.g. ${examples.join(' | ')}`,
    );
  }
}

function describeAnswer(answer: Answer) {
  return `${answer.status} ${answer.text.slice(0, 200)}`;
}

/** What every answer must satisfy: no 5xx, and 4xx in Backstage's JSON shape. */
function checkShape(
  violations: Violations,
  request: string,
  answer: Answer,
  allowed: number[],
) {
  if (answer.status >= 500) {
    violations.add(
      `${answer.status} answer`,
      `${request} → ${describeAnswer(answer)}`,
    );
  } else if (!allowed.includes(answer.status)) {
    violations.add(
      `unexpected ${answer.status}`,
      `${request} → ${describeAnswer(answer)}`,
    );
  }
  if (answer.status >= 400 && !isBackstageError(answer)) {
    violations.add(
      `${answer.status} without a JSON { error: { name, message } } body`,
      `${request} → ${describeAnswer(answer)}`,
    );
  }
}

describe.each(ids.map(id => [id]))('bad input on %s', id => {
  let knex: Knex;
  let client: Client;
  let stop: () => Promise<void>;

  const count = async (name = FUZZ_TARGET) =>
    Number(
      (
        await knex('maturity_assessment')
          .where('entity_ref', `component:default/${name}`)
          .count({ n: '*' })
      )[0].n,
    );

  beforeAll(async () => {
    knex = await databases.init(id);
    const backend = await startInProcessBackend({ knex });
    stop = backend.stop;
    client = createClient(backend.baseUrl);
    // One valid snapshot first: every generated submission then carries the
    // current revision, so only its content can make it fail.
    const first = await client.post(`${ENTITY}/assessments`, {
      headers: user,
      json: validSubmission(0),
    });
    if (first.status !== 201) throw new Error(`setup: ${first.text}`);
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  it(`rejects ${FUZZ_RUNS} generated invalid submissions with a 4xx naming the field, storing nothing`, async () => {
    const violations = new Violations();
    const before = await count();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(validBody, corruption, async (body, bad) => {
        const payload = bad.raw
          ? bad.raw(1)
          : JSON.stringify(bad.apply(body, 1));
        const answer = await client.post(`${ENTITY}/assessments`, {
          headers: {
            ...user,
            ...(bad.contentType ? { 'Content-Type': bad.contentType } : {}),
          },
          raw: payload,
        });
        seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
        const request = `${bad.label} (${payload.length} bytes)`;
        checkShape(violations, request, answer, [bad.status]);
        const message: string = answer.body?.error?.message ?? '';
        for (const fragment of bad.fragments) {
          if (!message.includes(fragment)) {
            violations.add(
              `400 message does not name ${JSON.stringify(fragment)}`,
              `${request} → ${message.slice(0, 200)}`,
            );
          }
        }
        if ((await count()) !== before) {
          violations.add('an invalid payload stored a snapshot', request);
        }
        return true;
      }),
      { numRuns: FUZZ_RUNS },
    );
    console.log(
      `[reliability] ${id} submissions: ${FUZZ_RUNS} runs, statuses ${JSON.stringify(
        Object.fromEntries(seen),
      )}`,
    );
    expect(violations.summary()).toEqual([]);

    // History is what users read: still the one snapshot from the start, and
    // the base submission itself was acceptable all along.
    const history = await client.get(`${ENTITY}/history`, { headers: user });
    expect(history.body.items.map((i: any) => i.revision)).toEqual([1]);
  });

  it('answers 413 above 512 KB and reads up to it, on the byte', async () => {
    const limit = 512 * 1024;
    const bodyOf = (bytes: number) => {
      const frame = '{"baseRevision":1,"ratings":{},"comment":""}';
      const json = `${frame.slice(0, -2)}${'x'.repeat(bytes - frame.length)}"}`;
      expect(Buffer.byteLength(json)).toBe(bytes);
      return json;
    };
    const atLimit = await client.post(`${ENTITY}/assessments`, {
      headers: user,
      raw: bodyOf(limit),
    });
    // Read and validated: the comment is far over its 2,000 characters.
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.error.message).toContain('comment');
    const over = await client.post(`${ENTITY}/assessments`, {
      headers: user,
      raw: bodyOf(limit + 1),
    });
    expect(over.status).toBe(413);
    expect(isBackstageError(over)).toBe(true);
    expect(over.body.error.name).toBe('PayloadTooLargeError');
    expect(await count()).toBe(1);
  });

  it(`answers no 5xx to ${FUZZ_RUNS} generated entity paths, and stores nothing through them`, async () => {
    const violations = new Violations();
    const total = async () =>
      Number((await knex('maturity_assessment').count({ n: '*' }))[0].n);
    const before = await total();
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        entityEndpoint,
        fc.tuple(pathSegment, pathSegment, pathSegment),
        async (endpoint, [kind, namespace, name]) => {
          const path = {
            entity: `/entities/${kind}/${namespace}/${name}`,
            history: `/entities/${kind}/${namespace}/${name}/history`,
            assessments: `/entities/${kind}/${namespace}/${name}/assessments`,
            systems: `/scorecards/systems/${namespace}/${name}`,
            domains: `/scorecards/domains/${namespace}/${name}`,
            groups: `/scorecards/groups/${namespace}/${name}`,
          }[endpoint];
          const answer =
            endpoint === 'assessments'
              ? // A revision no entity has: even a real entity answers 409.
                await client.post(path, {
                  headers: user,
                  json: validSubmission(1_000_000),
                })
              : await client.get(path, { headers: user });
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          checkShape(
            violations,
            `${endpoint === 'assessments' ? 'POST' : 'GET'} ${path.slice(
              0,
              200,
            )}`,
            answer,
            endpoint === 'assessments' ? [400, 404, 409] : [200, 400, 404],
          );
          return true;
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
    console.log(
      `[reliability] ${id} entity paths: ${FUZZ_RUNS} runs, statuses ${JSON.stringify(
        Object.fromEntries(seen),
      )}`,
    );
    expect(await total()).toBe(before);
    expect(violations.summary()).toEqual([]);
  });

  // The minimal paths behind the violations the property above found: the
  // catalog client cannot parse the ref the router builds, and its TypeError
  // reaches the client as a 500.
  it.each([
    ['GET', '/entities/%3A/default/x'],
    ['GET', '/entities/component/%2F/x'],
    ['GET', '/entities/component/%2F/x/history'],
    ['POST', '/entities/%3A/default/x/assessments'],
    ['GET', '/scorecards/groups/%2F/x'],
  ])(
    'answers a malformed entity ref with a 4xx: %s %s',
    async (method, path) => {
      const answer = await client.request(method, path, {
        headers: user,
        ...(method === 'POST' ? { json: validSubmission(0) } : {}),
      });
      expect(isBackstageError(answer)).toBe(true);
      expect(`${answer.status} ${answer.body?.error?.name}`).toMatch(/^4\d\d /);
    },
  );

  it.each<[QueryEndpoint]>([['overview'], ['export'], ['history']])(
    `answers no 5xx to ${FUZZ_RUNS} generated query strings of /%s`,
    async endpoint => {
      const violations = new Violations();
      const seen = new Map<number, number>();
      const path = {
        overview: '/overview',
        export: '/export',
        history: `${ENTITY}/history`,
      }[endpoint];
      await fc.assert(
        fc.asyncProperty(queryString(endpoint), async query => {
          const answer = await client.get(`${path}?${query}`, {
            headers: user,
          });
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          const request = `GET ${path}?${query.slice(0, 200)}`;
          // A group, system or domain of a filter that no entity is (or
          // that the caller cannot see) is a 404, as for the entity routes.
          const namesEntity =
            endpoint !== 'history' && /(^|&)(group|system|domain)=/.test(query);
          checkShape(
            violations,
            request,
            answer,
            namesEntity ? [200, 400, 404] : [200, 400],
          );
          if (
            answer.status === 404 &&
            !/^No entity /.test(answer.body?.error?.message ?? '')
          ) {
            violations.add('404 not about the filter', request);
          }
          if (answer.status === 200) {
            const type = String(answer.headers['content-type']);
            const json = /application\/json/.test(type);
            if (!json && !(endpoint === 'export' && /text\/csv/.test(type))) {
              violations.add(
                '200 of an unexpected type',
                `${request} → ${type}`,
              );
            }
            if (endpoint !== 'export' && !Array.isArray(answer.body?.items)) {
              violations.add('200 without items', request);
            }
            if (endpoint === 'export' && json) JSON.parse(answer.text);
          }
          return true;
        }),
        { numRuns: FUZZ_RUNS },
      );
      console.log(
        `[reliability] ${id} /${endpoint} queries: ${FUZZ_RUNS} runs, statuses ${JSON.stringify(
          Object.fromEntries(seen),
        )}`,
      );
      expect(violations.summary()).toEqual([]);
    },
  );

  it('answers 400 to every malformed cursor, and pages with real ones', async () => {
    await fc.assert(
      fc.asyncProperty(cursorArb, async cursor => {
        const [overview, history] = await Promise.all([
          client.get(`/overview?cursor=${encodeURIComponent(cursor)}`, {
            headers: user,
          }),
          client.get(`${ENTITY}/history?cursor=${encodeURIComponent(cursor)}`, {
            headers: user,
          }),
        ]);
        for (const answer of [overview, history]) {
          expect(answer.status).toBeLessThan(500);
          expect([200, 400]).toContain(answer.status);
          expect(answer.status === 400 ? isBackstageError(answer) : true).toBe(
            true,
          );
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it(`stores ${FUZZ_RUNS} generated notes and comments with markup as text and answers them back byte for byte`, async () => {
    const name = 'web';
    const entity = `/entities/component/default/${name}`;
    let revision = await count(name);
    await fc.assert(
      fc.asyncProperty(
        text(4000),
        text(2000),
        fc.constantFrom(...MARKUP.filter(m => !/[\ud800-\udfff]/.test(m))),
        async (note, comment, tag) => {
          const evidence = [
            `https://example.com/?q=${encodeURIComponent(tag)}`,
          ];
          const sent = {
            baseRevision: revision,
            ratings: { 'people.ai': { '1': 'fully' as const } },
            notes: { 'people.ai': note },
            evidence: { 'people.ai': evidence },
            comment,
          };
          const created = await client.post(`${entity}/assessments`, {
            headers: { Authorization: as(ADMIN) },
            json: sent,
          });
          expect(created.status).toBe(201);
          revision = created.body.revision;
          const latest = await client.get(entity, { headers: user });
          const [fromHistory] = (
            await client.get(`${entity}/history?limit=1`, { headers: user })
          ).body.items;
          for (const answer of [created.body, latest.body, fromHistory]) {
            expect(answer.revision).toBe(revision);
            expect(answer.notes['people.ai']).toBe(note);
            expect(answer.comment).toBe(comment);
            expect(answer.evidence['people.ai']).toEqual(evidence);
          }
          // JSON that browsers will not sniff into HTML.
          expect(latest.headers['content-type']).toMatch(/^application\/json/);
          expect(latest.headers['x-content-type-options']).toBe('nosniff');
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
    expect(await count(name)).toBe(revision);
  });
});
