import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  CatalogTable,
  CatalogTableColumnsFunc,
  CatalogTableRow,
} from '@backstage/plugin-catalog';
import catalogPlugin, {
  CatalogIndexPage,
} from '@backstage/plugin-catalog/alpha';
import { createMaturityColumn } from '@cnmm/backstage-plugin-maturity';
import { Fragment } from 'react';

const maturityColumn = createMaturityColumn<CatalogTableRow>();

/**
 * The catalog's own columns, with Maturity for components, the assessed kind.
 * The kind is that of the rows shown, as the catalog's own columns decide.
 */
export const catalogColumns: CatalogTableColumnsFunc = context => {
  const columns = CatalogTable.defaultColumnsFunc(context);
  const kind = (
    context.entities[0]?.kind ?? context.filters.kind?.value
  )?.toLocaleLowerCase('en-US');
  return kind === 'component' ? [...columns, maturityColumn] : columns;
};

/**
 * The catalog index page of Backstage 1.55 takes columns as a prop only, not
 * from extensions (backstage/backstage#33438), so this module overrides the
 * page's loader alone: path, title, header, the filters attached to it (the
 * maturity one among them) and its `pagination` and `exportSettings` config
 * stay the catalog's. Exporters added by `catalog-export-config` extensions
 * are not merged in; the demo has none.
 */
export const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    catalogPlugin.getExtension('page:catalog').override({
      factory(originalFactory, { inputs, config }) {
        return originalFactory({
          params: {
            loader: async () => (
              <CatalogIndexPage
                columns={catalogColumns}
                filters={inputs.filters.map(filter => (
                  <Fragment key={filter.node.spec.id}>
                    {filter.get(coreExtensionData.reactElement)}
                  </Fragment>
                ))}
                pagination={config.pagination}
                exportSettings={
                  config.exportSettings?.enabled
                    ? config.exportSettings
                    : undefined
                }
              />
            ),
          },
        });
      },
    }),
  ],
});
