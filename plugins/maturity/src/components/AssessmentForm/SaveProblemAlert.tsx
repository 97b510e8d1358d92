import { Box, Button } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { SaveProblem } from './useSaveAssessment';

/** Why the last save did not go through; a conflict offers to reload. */
export function SaveProblemAlert(props: {
  problem: SaveProblem | undefined;
  onReload: () => void;
  busy: boolean;
}) {
  const { problem } = props;
  if (problem?.kind === 'conflict') {
    return (
      <Box mb={2}>
        <Alert
          severity="warning"
          action={
            <Button
              color="inherit"
              onClick={props.onReload}
              disabled={props.busy}
            >
              Reload
            </Button>
          }
        >
          <AlertTitle>Someone else saved this assessment meanwhile</AlertTitle>
          Reload to continue from their version. The changes in this form are
          not saved and will be replaced.
        </Alert>
      </Box>
    );
  }
  if (problem?.kind === 'invalid') {
    return (
      <Box mb={2}>
        <Alert severity="error">
          {problem.message}
          {problem.details?.map(detail => (
            <div key={detail}>{detail}</div>
          ))}
        </Alert>
      </Box>
    );
  }
  if (problem?.kind === 'error') {
    return (
      <Box mb={2}>
        <Alert severity="error">{problem.message}</Alert>
      </Box>
    );
  }
  return null;
}
