import {
  ChangeRow,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { TableCell, TableRow } from '@material-ui/core';
import {
  EntityRefCell,
  HeatCell,
  HeatMapHeaders,
  HeatMapTable,
  levelChange,
} from '../shared';
import { MOVEMENT_TEXT } from './movements';

/**
 * Entities × dimensions at the later date, each cell marked against the
 * earlier one, with how the entity moved in words.
 */
export function ChangedEntities(props: {
  model: MaturityModel;
  rows: ChangeRow[];
  /** The earlier date, as people read it. */
  fromLabel: string;
}) {
  const { model, rows, fromLabel } = props;
  return (
    <HeatMapTable
      model={model}
      label="Changed entities"
      header={
        <>
          <TableCell>Entity</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Movement</TableCell>
          <HeatMapHeaders model={model} withTarget={false} />
        </>
      }
    >
      {rows.map(row => {
        const movement = MOVEMENT_TEXT[row.movement];
        return (
          <TableRow key={row.entityRef}>
            <EntityRefCell entityRef={row.entityRef} />
            <EntityRefCell entityRef={row.ownerRef} />
            <TableCell>
              <span aria-hidden="true">{movement.symbol} </span>
              {movement.label}
            </TableCell>
            {model.dimensions.map(d => {
              const level = row.after.dimensions[d.id] ?? null;
              return (
                <HeatCell
                  key={d.id}
                  model={model}
                  level={level}
                  change={levelChange(
                    model,
                    level,
                    row.before?.dimensions[d.id] ?? null,
                    fromLabel,
                  )}
                />
              );
            })}
          </TableRow>
        );
      })}
    </HeatMapTable>
  );
}
