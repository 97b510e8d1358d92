import { CatalogFilterBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The catalog filter by maturity (`catalog-filter:maturity`). The catalog
 * index page of 1.55 takes no extra columns from extensions; see
 * `createMaturityColumn` for the Maturity column.
 */
export const catalogMaturityFilter = CatalogFilterBlueprint.make({
  params: {
    loader: () =>
      import('../components/CatalogMaturity').then(m => (
        <m.EntityMaturityPicker />
      )),
  },
});
