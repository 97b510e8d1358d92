import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

export const entityMaturityCard = EntityCardBlueprint.make({
  params: {
    filter: { kind: { $in: ['component', 'system', 'group'] } },
    loader: () =>
      import('../components/EntityMaturityCard').then(m => (
        <m.EntityMaturityCard />
      )),
  },
});
