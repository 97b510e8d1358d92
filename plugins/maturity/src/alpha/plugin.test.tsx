import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import {
  componentEntity,
  entityOfKind,
  makeAssessment,
  mockMaturityApi,
} from '../__testUtils__/fixtures';
import { maturityApiRef } from '../api/MaturityApi';
import plugin from './index';

describe('maturity plugin (new frontend system)', () => {
  it('is the maturity plugin with every extension', () => {
    expect(plugin.pluginId).toBe('maturity');
    expect(plugin.title).toBe('Maturity');
    for (const id of [
      'api:maturity',
      'page:maturity',
      'entity-content:maturity',
      'entity-content:maturity/scorecard',
      'entity-card:maturity',
      'catalog-filter:maturity',
    ] as const) {
      expect(plugin.getExtension(id)).toBeDefined();
    }
  });

  it('shows each tab and the card on their entity kinds only', () => {
    const component = componentEntity;
    const system = entityOfKind('System', 'shop');
    const group = entityOfKind('Group', 'team-a');
    const domain = entityOfKind('Domain', 'commerce');
    const api = entityOfKind('API', 'payments-api');

    const content = createExtensionTester(
      plugin.getExtension('entity-content:maturity'),
    );
    const filter = content.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(content.get(EntityContentBlueprint.dataRefs.title)).toBe('Maturity');
    expect([component, system, api].map(filter)).toEqual([true, false, false]);

    const scorecard = createExtensionTester(
      plugin.getExtension('entity-content:maturity/scorecard'),
    ).get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect([component, system, group, domain, api].map(scorecard)).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);

    const card = createExtensionTester(
      plugin.getExtension('entity-card:maturity'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect([component, system, group, domain].map(card)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('renders the entity content extension', async () => {
    const api = mockMaturityApi({
      getAssessment: jest.fn().mockResolvedValue(makeAssessment()),
    });
    const tester = createExtensionTester(
      plugin.getExtension('entity-content:maturity'),
    );
    renderInTestApp(
      <EntityProvider entity={componentEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[maturityApiRef, api], mockApis.permission()] },
    );
    expect(
      await screen.findByRole('row', { name: 'Audit and Logs' }),
    ).toHaveTextContent('2 · Operate');
  });
});
