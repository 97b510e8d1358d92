import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@material-ui/core';
import { V3ImportMode } from '@cnmm/backstage-plugin-maturity-common';
import { useState } from 'react';

/**
 * Asks how a CNMM 3.x file meets the current assessment: merged into it
 * (chosen first), or replacing it, which the button then says in so many
 * words.
 */
export function V3ImportDialog(props: {
  fileName: string;
  revision: number;
  onCancel: () => void;
  onImport: (mode: V3ImportMode) => void;
}) {
  const { fileName, revision } = props;
  const [mode, setMode] = useState<V3ImportMode>('merge');
  return (
    <Dialog
      open
      onClose={props.onCancel}
      aria-labelledby="maturity-v3-import-title"
    >
      <DialogTitle id="maturity-v3-import-title">
        Import {fileName} into revision {revision}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          This entity already has an assessment. Choose what the file does to
          it; the history keeps every revision either way.
        </DialogContentText>
        <RadioGroup
          aria-label="How to import"
          value={mode}
          onChange={event => setMode(event.target.value as V3ImportMode)}
        >
          <FormControlLabel
            value="merge"
            control={<Radio />}
            label={
              <>
                <Typography>Merge into the current assessment</Typography>
                <Typography variant="body2" color="textSecondary">
                  The file&apos;s ratings replace those of the topics it covers;
                  every other topic, the notes, evidence and targets stay.
                </Typography>
              </>
            }
          />
          <FormControlLabel
            value="replace"
            control={<Radio />}
            label={
              <>
                <Typography>Replace the current assessment</Typography>
                <Typography variant="body2" color="textSecondary">
                  The new revision holds the file&apos;s ratings only: notes,
                  evidence, targets and the topics the file does not cover are
                  not carried over.
                </Typography>
              </>
            }
          />
        </RadioGroup>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color={mode === 'replace' ? 'secondary' : 'primary'}
          variant="contained"
          onClick={() => props.onImport(mode)}
        >
          {mode === 'replace'
            ? `Replace revision ${revision}`
            : `Merge into revision ${revision}`}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
