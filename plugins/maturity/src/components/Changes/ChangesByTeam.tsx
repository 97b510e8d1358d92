import { ChangesPage } from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button, TableCell, TableRow } from '@material-ui/core';
import { useState } from 'react';
import { EntityRefCell, StickyTable } from '../shared';

/** Teams shown before "Show all": an organisation can have hundreds. */
const FIRST_TEAMS = 10;

/** Per team (first owner), how many entities moved each way. */
export function ChangesByTeam(props: { teams: ChangesPage['teams'] }) {
  const { teams } = props;
  const [all, setAll] = useState(false);
  if (!teams.length) return null;
  const shown = all ? teams : teams.slice(0, FIRST_TEAMS);
  return (
    <>
      <StickyTable
        label="Changes by team"
        header={
          <>
            <TableCell>Team</TableCell>
            <TableCell align="right">Improved</TableCell>
            <TableCell align="right">Regressed</TableCell>
            <TableCell align="right">Newly assessed</TableCell>
            <TableCell align="right">Unchanged</TableCell>
          </>
        }
      >
        {shown.map(team => (
          <TableRow key={team.ownerRef ?? ''}>
            {team.ownerRef ? (
              <EntityRefCell entityRef={team.ownerRef} />
            ) : (
              <TableCell>No owner</TableCell>
            )}
            <TableCell align="right">{team.improved}</TableCell>
            <TableCell align="right">{team.regressed}</TableCell>
            <TableCell align="right">{team.newlyAssessed}</TableCell>
            <TableCell align="right">{team.unchanged}</TableCell>
          </TableRow>
        ))}
      </StickyTable>
      {teams.length > FIRST_TEAMS && (
        <Box mt={1}>
          <Button size="small" onClick={() => setAll(!all)}>
            {all ? 'Show fewer teams' : `Show all ${teams.length} teams`}
          </Button>
        </Box>
      )}
    </>
  );
}
