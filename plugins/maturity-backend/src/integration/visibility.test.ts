import request from 'supertest';
import { ADMIN, OWNER, STRANGER } from '../__testUtils__/fixtures';
import {
  MaturityBackend,
  startMaturityBackend,
} from '../__testUtils__/startMaturityBackend';

// What the catalog hides from a caller, the plugin hides too. The catalog's
// rows of many refs and the assessed refs are in catalogRows.test.ts.

jest.setTimeout(60_000);

type Named = { name: string };

describe('a component hidden from the stranger, assessed by the admin', () => {
  let backend: MaturityBackend;
  let written: request.Response;
  const asStranger = (path: string) => backend.get(path, STRANGER);

  beforeAll(async () => {
    backend = await startMaturityBackend();
    written = await backend.assess(
      'secret',
      { baseRevision: 0, ratings: {} },
      ADMIN,
    );
  });

  it('answers 404 to the stranger, as for an unknown entity', async () => {
    expect(written.status).toBe(201);
    expect(
      (await asStranger('/entities/component/default/secret')).status,
    ).toBe(404);
    expect((await asStranger('/entities/component/default/nope')).status).toBe(
      404,
    );
  });

  it("is left out of the stranger's scorecard, not the owner's", async () => {
    const card = await asStranger('/scorecards/systems/default/shop');
    expect(card.body.entities.map((e: Named) => e.name)).not.toContain(
      'secret',
    );
    const ownerCard = await backend.get(
      '/scorecards/systems/default/shop',
      OWNER,
    );
    expect(ownerCard.body.entities.map((e: Named) => e.name)).toContain(
      'secret',
    );
  });

  it("is left out of the stranger's export", async () => {
    const csv = await asStranger('/export?format=csv');
    expect(csv.text).not.toContain('secret');
  });
});
