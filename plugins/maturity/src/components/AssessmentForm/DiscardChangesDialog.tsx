import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';

/** Asks before unsaved changes are dropped. */
export function DiscardChangesDialog(props: {
  open: boolean;
  onKeepEditing: () => void;
  onDiscard: () => void;
}) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onKeepEditing}
      aria-labelledby="maturity-leave-title"
    >
      <DialogTitle id="maturity-leave-title">
        Discard unsaved changes?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          The changes in this form have not been saved and will be lost.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onKeepEditing}>Keep editing</Button>
        <Button color="secondary" onClick={props.onDiscard}>
          Discard changes
        </Button>
      </DialogActions>
    </Dialog>
  );
}
