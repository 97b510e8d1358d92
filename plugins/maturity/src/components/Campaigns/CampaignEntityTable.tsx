import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CampaignEntityRow,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { describeMiss } from './text';

/** The entities of a campaign, their owners and what each still needs. */
export function CampaignEntityTable(props: {
  model: MaturityModel;
  rows: CampaignEntityRow[];
}) {
  return (
    <Table size="small" aria-label="Entities of the campaign">
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Still needs</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.entityRef}>
            <TableCell>
              <EntityRefLink entityRef={row.entityRef} />
            </TableCell>
            <TableCell>
              {row.ownerRef && <EntityRefLink entityRef={row.ownerRef} />}
            </TableCell>
            <TableCell>
              {row.meets ? (
                'Meets every goal'
              ) : (
                <Box component="ul" m={0} pl={2}>
                  {row.misses.map(miss => (
                    <li key={miss.goal}>{describeMiss(props.model, miss)}</li>
                  ))}
                </Box>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
