import request from 'supertest';
import { as, fullyTo, OWNER, STRANGER } from '../__testUtils__/fixtures';
import {
  BASE,
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// Importing a CNMM 3.x assessment as a 4.0 snapshot that claims no more than
// its answers.

jest.setTimeout(60_000);

type Response = request.Response;

const assessment = {
  cnmmVersion: '3.2',
  ratings: {
    'process.ci-cd': fullyTo(5),
    'process.change-control': {
      '1': 'fully',
      '2': 'fully',
      '3': 'fully',
      '4': 'fully',
      '5': 'fully',
    },
    'process.audit-and-logs': fullyTo(2),
    'people.developer-agility': fullyTo(3),
  },
};

const release = 'process.software-integration-and-release';

describe('a CNMM 3.x import', () => {
  let backend: MaturityBackend;
  const importV3 = (body: unknown, user = OWNER) =>
    request(backend.server)
      .post(`${BASE}/entities/component/default/ledger/imports/v3`)
      .set('Authorization', as(user))
      .send(body as object);

  beforeAll(async () => {
    backend = await startMaturityBackend();
  });

  describe('refused', () => {
    let invalid: Response;
    let forbidden: Response;

    beforeAll(async () => {
      invalid = await importV3({
        baseRevision: 0,
        assessment: { ...assessment, cnmmVersion: '4.0' },
      });
      forbidden = await importV3({ baseRevision: 0, assessment }, STRANGER);
    });

    it('answers 400 naming cnmmVersion to an assessment not of 3.x', () => {
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.message).toMatch(/cnmmVersion/);
    });

    it('answers 403 to a user who may not assess the entity', () => {
      expect(forbidden.status).toBe(403);
    });

    it('stores nothing', async () => {
      const nothing = await backend.get('/entities/component/default/ledger');
      expect(nothing.status).toBe(404);
    });
  });

  describe('accepted', () => {
    let imported: Response;

    beforeAll(async () => {
      imported = await importV3({ baseRevision: 0, assessment });
    });

    it('is stored as revision 1 by the importer', () => {
      expect(imported.status).toBe(201);
      expect(imported.body.assessment).toMatchObject({
        revision: 1,
        createdBy: OWNER,
      });
    });

    it('maps 3.x levels to the 4.0 levels holding their content, capping partial matches', () => {
      const { assessment: stored, mapping } = imported.body;
      // Change Control L5 counts towards 4.0 L3 and L4, which also ask what
      // 3.x never did (canary trials, DORA): capped at partially, so the
      // merged topic reaches level 2 and nothing reaches level 5.
      expect(stored.ratings[release]).toEqual({
        '1': 'fully',
        '2': 'fully',
        '3': 'partially',
        '4': 'partially',
      });
      expect(stored.result.topics[release].level).toBe(2);
      expect(stored.ratings['process.audit-and-logs']).toEqual({
        '1': 'partially',
        '2': 'partially',
      });
      expect(stored.result.topics['process.audit-and-logs'].level).toBe(0);
      expect(mapping.shifted).toContainEqual({
        from: 'process.change-control',
        fromLevel: 5,
        to: release,
        toLevel: 4,
      });
      expect(mapping.approximate).toEqual([
        { to: 'process.audit-and-logs', toLevel: 1 },
        { to: 'process.audit-and-logs', toLevel: 2 },
        { to: release, toLevel: 3 },
        { to: release, toLevel: 4 },
      ]);
      expect(stored.comment).toMatch(
        /Approximate, capped at partially .*process\.software-integration-and-release L3/,
      );
    });

    it('leaves out a topic with no 4.0 counterpart, and says so in the comment', () => {
      const { assessment: stored, mapping } = imported.body;
      expect(mapping.dropped).toEqual(['people.developer-agility']);
      expect(stored.comment).toMatch(/^Imported from a CNMM 3\.2 assessment\./);
      expect(stored.comment).toMatch(
        /Left out \(no 4\.0 topic\): people\.developer-agility/,
      );
    });

    it('is the latest snapshot, and a second import on revision 0 gets 409', async () => {
      const latest = await backend.get('/entities/component/default/ledger');
      expect(latest.body.revision).toBe(1);
      expect((await importV3({ baseRevision: 0, assessment })).status).toBe(
        409,
      );
    });

    it('is audited, as the refused imports are', () => {
      expect(
        backend.events
          .filter(e => e.eventId === 'assessment-import')
          .map(e => e.status),
      ).toEqual(expect.arrayContaining(['succeeded', 'failed']));
    });
  });

  describe('into an assessed entity', () => {
    const entity = '/entities/component/default/payments-api';
    const post = (body: object) =>
      request(backend.server)
        .post(`${BASE}${entity}/imports/v3`)
        .set('Authorization', as(OWNER))
        .send(body);

    beforeAll(async () => {
      const formSave = await request(backend.server)
        .post(`${BASE}${entity}/assessments`)
        .set('Authorization', as(OWNER))
        .send({
          baseRevision: 0,
          ratings: {
            'process.audit-and-logs': fullyTo(4),
            'people.ai': fullyTo(2),
          },
          targets: { 'people.ai': 3 },
          notes: { 'people.ai': 'Pilots in two teams' },
          evidence: { 'people.ai': ['https://example.com/ai-pilots'] },
        });
      if (formSave.status !== 201) {
        throw new Error(`The form's save answered ${formSave.status}`);
      }
    });

    it('merges by default: the file replaces the topics it maps, every other topic, note, evidence and target stays', async () => {
      const merged = await post({ baseRevision: 1, assessment });
      expect(merged.status).toBe(201);
      expect(merged.body).toMatchObject({
        mode: 'merge',
        replacedTopics: ['process.audit-and-logs'],
        keptTopics: ['people.ai'],
      });
      const latest = await backend.get(entity);
      expect(latest.body).toMatchObject({
        revision: 2,
        ratings: {
          'people.ai': fullyTo(2),
          'process.audit-and-logs': { '1': 'partially', '2': 'partially' },
          [release]: { '1': 'fully', '2': 'fully' },
        },
        targets: { 'people.ai': 3 },
        notes: { 'people.ai': 'Pilots in two teams' },
        evidence: { 'people.ai': ['https://example.com/ai-pilots'] },
      });
    });

    it('replaces only when asked to, and the history keeps what was there', async () => {
      const replaced = await post({
        baseRevision: 2,
        assessment,
        mode: 'replace',
      });
      expect(replaced.status).toBe(201);
      const latest = await backend.get(entity);
      expect(latest.body.ratings['people.ai']).toBeUndefined();
      expect(latest.body).toMatchObject({ notes: {}, targets: {} });
      const history = await backend.get(`${entity}/history`);
      expect(history.body.items.map((i: any) => i.revision)).toEqual([3, 2, 1]);
      expect(history.body.items[1].notes).toEqual({
        'people.ai': 'Pilots in two teams',
      });
    });
  });
});
