import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  maturityAssessmentCreatePermission,
  maturityAssessmentReviewPermission,
  maturityCampaignManagePermission,
} from '@cnmm/backstage-plugin-maturity-common';
import { MaturityDemoPolicy } from './permissionPolicy';

const policy = new MaturityDemoPolicy(['group:default/maturity-admins']);

function user(ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    credentials: {} as PolicyQueryUser['credentials'],
    info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  };
}

const create = { permission: maturityAssessmentCreatePermission };

describe('MaturityDemoPolicy', () => {
  it('lets the catalog decide by ownership: the user or one of their groups', async () => {
    const decision = await policy.handle(
      create,
      user(['user:default/sam', 'group:default/payments']),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/sam', 'group:default/payments'] },
      },
    });
  });

  it('allows members of an admin group everywhere', async () => {
    expect(
      await policy.handle(
        create,
        user(['user:default/ada', 'group:default/maturity-admins']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies callers without ownership claims, such as services', async () => {
    expect(await policy.handle(create, undefined)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets only members of an admin group manage campaigns', async () => {
    const manage = { permission: maturityCampaignManagePermission };
    expect(
      await policy.handle(
        manage,
        user(['user:default/ada', 'group:default/maturity-admins']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle(
        manage,
        user(['user:default/sam', 'group:default/payments']),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(await policy.handle(manage, undefined)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('lets only members of an admin group review assessments, owners not', async () => {
    const review = {
      permission: maturityAssessmentReviewPermission,
      resourceRef: 'component:default/payments-api',
    };
    expect(
      await policy.handle(
        review,
        user(['user:default/ada', 'group:default/maturity-admins']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle(
        review,
        user(['user:default/sam', 'group:default/payments']),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('leaves other permissions, such as reading the catalog, allowed', async () => {
    expect(
      await policy.handle(
        { permission: catalogEntityReadPermission },
        user(['user:default/sam']),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each([catalogEntityReadPermission, catalogLocationReadPermission])(
    'lets everyone read: %s',
    async permission => {
      for (const caller of [user(['user:default/sam']), undefined]) {
        expect(await policy.handle({ permission }, caller)).toEqual({
          result: AuthorizeResult.ALLOW,
        });
      }
    },
  );

  const writes = [
    catalogEntityDeletePermission,
    catalogEntityRefreshPermission,
    catalogLocationCreatePermission,
    catalogLocationDeletePermission,
    // A permission that does not say what it does is treated as a write.
    createPermission({ name: 'other.plugin.thing', attributes: {} }),
  ];

  it.each(writes.map(p => [p.name, p]))(
    'denies %s to everyone but the admin groups, owners included',
    async (_name, permission) => {
      const owner = user(['user:default/sam', 'group:default/payments']);
      expect(await policy.handle({ permission }, owner)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(await policy.handle({ permission }, undefined)).toEqual({
        result: AuthorizeResult.DENY,
      });
      expect(
        await policy.handle(
          { permission },
          user(['user:default/ada', 'group:default/maturity-admins']),
        ),
      ).toEqual({ result: AuthorizeResult.ALLOW });
    },
  );
});

describe('the permission policy module of the README', () => {
  it('is this file, as the README shows it for adopters to copy', () => {
    const readme = readFileSync(
      join(__dirname, '../../../../README.md'),
      'utf8',
    );
    const shown = readme.match(
      /<!-- test:install file packages\/backend\/src\/modules\/permissionPolicy\.ts -->\n\n```ts\n([\s\S]*?)\n```/,
    );
    expect(shown?.[1]).toBe(
      readFileSync(join(__dirname, 'permissionPolicy.ts'), 'utf8').trimEnd(),
    );
  });
});
