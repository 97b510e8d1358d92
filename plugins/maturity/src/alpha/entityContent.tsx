import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

export const entityMaturityContent = EntityContentBlueprint.make({
  params: {
    path: '/maturity',
    title: 'Maturity',
    filter: { kind: 'component' },
    loader: () =>
      import('../components/EntityMaturityContent').then(m => (
        <m.EntityMaturityContent />
      )),
  },
});

export const entityMaturityScorecardContent = EntityContentBlueprint.make({
  name: 'scorecard',
  params: {
    path: '/maturity',
    title: 'Maturity',
    filter: { kind: { $in: ['system', 'group', 'domain'] } },
    loader: () =>
      import('../components/EntityMaturityScorecardContent').then(m => (
        <m.EntityMaturityScorecardContent />
      )),
  },
});
