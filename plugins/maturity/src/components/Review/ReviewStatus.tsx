import { SnapshotReview } from '@cnmm/backstage-plugin-maturity-common';
import { Chip } from '@material-ui/core';
import CheckIcon from '@material-ui/icons/Check';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import UndoIcon from '@material-ui/icons/Undo';

const LABELS = {
  pending: { text: 'Awaiting review', Icon: HourglassEmptyIcon },
  approved: { text: 'Approved', Icon: CheckIcon },
  returned: { text: 'Returned', Icon: UndoIcon },
} as const;

/** A snapshot's review status in words (the icon only repeats them). */
export function ReviewStatusChip(props: { review: SnapshotReview }) {
  const { text, Icon } = LABELS[props.review.status];
  return (
    <Chip
      size="small"
      variant={props.review.status === 'approved' ? 'outlined' : 'default'}
      icon={<Icon aria-hidden />}
      label={text}
    />
  );
}

/** Whether two entity refs name the same entity (refs compare case-insensitively). */
export function sameRef(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}
