/* eslint-disable no-console */
/*
 * Group 11, traffic before authentication (issue 24). The assessment write
 * route lets requests without credentials through to audit their refusal:
 * a flood of them, from many addresses and with paths of 15,000 characters,
 * must leave a bounded audit trail. And no body is parsed for a caller who
 * is not yet known to be allowed: not 512 kB of JSON on a refusal. The real
 * plugin runs in process with Backstage's real auth and httpAuth services,
 * on SQLite and PostgreSQL.
 */
import { Knex } from 'knex';
import http from 'node:http';
import { recordingAuditor } from '../src/__testUtils__/fixtures';
import { createTestDatabases } from '../src/__testUtils__/testDatabases';
import { inProcessDatabaseIds } from './__testUtils__/env';
import { Client, createClient } from './__testUtils__/http';
import {
  SERVICE_TOKEN,
  startInProcessBackend,
  staticTokenAccess,
} from './__testUtils__/inProcessBackend';

const databases = createTestDatabases();
const ids = inProcessDatabaseIds(databases, 'unauthenticated traffic');

const ADDRESSES = 20;
const PER_ADDRESS = 100;
const LONG_NAME = 'x'.repeat(15_000);

/** One request from a loopback address of its own, without credentials. */
function fromAddress(
  baseUrl: string,
  localAddress: string,
  path: string,
): Promise<number> {
  const base = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        localAddress,
        method: 'POST',
        path: `${base.pathname}${path}`,
        headers: { 'Content-Type': 'application/json', 'Content-Length': 2 },
        timeout: 30_000,
      },
      res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end('{}');
  });
}

describe.each(ids)('unauthenticated traffic on %s', id => {
  let knex: Knex;
  let client: Client;
  let baseUrl: string;
  let stop: () => Promise<void>;
  const { auditor, events } = recordingAuditor();

  beforeAll(async () => {
    knex = await databases.init(id);
    const backend = await startInProcessBackend({
      knex,
      auth: 'real',
      config: staticTokenAccess('ci-writer'),
      features: [auditor.factory],
    });
    baseUrl = backend.baseUrl;
    stop = backend.stop;
    client = createClient(baseUrl, 16);
  });

  afterAll(async () => {
    client?.close();
    await stop?.();
  });

  it(`leaves a bounded audit trail after ${
    ADDRESSES * PER_ADDRESS
  } refused writes from ${ADDRESSES} addresses with 15,000-character paths`, async () => {
    const started = performance.now();
    const statuses = new Map<number, number>();
    await Promise.all(
      Array.from({ length: ADDRESSES }, async (_, a) => {
        for (let i = 0; i < PER_ADDRESS; i++) {
          const status = await fromAddress(
            baseUrl,
            `127.0.0.${10 + a}`,
            `/entities/component/default/${LONG_NAME}/assessments`,
          );
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const refusals = events.filter(e => e.eventId === 'assessment-create');
    const bytes = refusals.reduce(
      (sum, e) => sum + JSON.stringify(e.meta).length,
      0,
    );
    const windows = Math.ceil(seconds / 60) + 1;
    console.log(
      `[reliability] ${id}: ${
        ADDRESSES * PER_ADDRESS
      } refused writes in ${seconds.toFixed(1)} s: ${
        refusals.length
      } audit events, ${bytes} bytes of meta; longest path ${Math.max(
        ...refusals.map(e => String(e.meta.path).length),
      )} characters`,
    );
    expect(Object.fromEntries(statuses)).toEqual({
      401: ADDRESSES * PER_ADDRESS,
    });
    // At most 60 a minute in all, 5 a minute from one address.
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.length).toBeLessThanOrEqual(60 * windows);
    for (const event of refusals) {
      expect(String(event.meta.path).length).toBeLessThanOrEqual(256);
      expect(event.error).toBe('AuthenticationError');
    }
    const byAddress = new Map<string, number>();
    for (const e of refusals) {
      const ip = String(e.meta.ip);
      byAddress.set(ip, (byAddress.get(ip) ?? 0) + 1);
    }
    expect(Math.max(...byAddress.values())).toBeLessThanOrEqual(5 * windows);
    expect(bytes).toBeLessThan(60 * windows * 512);
  });

  it('parses no body before it knows the caller may send one', async () => {
    const big = JSON.stringify({ comment: 'x'.repeat(600 * 1024) });
    const broken = '{"ratings": ';
    const answers = {
      // Without credentials, on the write route open to them.
      bigUnauthenticated: await client.post(
        '/entities/component/default/web/assessments',
        { raw: big },
      ),
      brokenUnauthenticated: await client.request(
        'PUT',
        '/entities/component/default/web/assessments',
        { raw: broken, headers: { 'Content-Type': 'application/json' } },
      ),
      // A service, which may read but never manage campaigns.
      bigByService: await client.post('/campaigns', {
        raw: big,
        headers: { Authorization: `Bearer ${SERVICE_TOKEN}` },
      }),
      brokenByService: await client.request('PUT', '/campaigns/any', {
        raw: broken,
        headers: {
          Authorization: `Bearer ${SERVICE_TOKEN}`,
          'Content-Type': 'application/json',
        },
      }),
    };
    const statuses = Object.fromEntries(
      Object.entries(answers).map(([k, v]) => [k, v.status]),
    );
    console.log(`[reliability] ${id}: ${JSON.stringify(statuses)}`);
    // A parsed body would answer 413 or 400 first.
    expect(statuses).toEqual({
      bigUnauthenticated: 401,
      brokenUnauthenticated: 404,
      bigByService: 403,
      brokenByService: 403,
    });
    expect(
      Number((await knex('maturity_campaign').count({ n: '*' }))[0].n),
    ).toBe(0);
  });
});
