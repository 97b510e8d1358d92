import { Box, makeStyles, TextField } from '@material-ui/core';
import { ReactNode } from 'react';
import {
  addDays,
  AsOfView,
  COMPARE_CHOICES,
  COMPARE_DATE,
  isCalendarDay,
  utcDay,
} from './asOfView';
import { AsOfParams } from './useAsOfParams';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
  },
  field: { width: 180 },
}));

/**
 * "As of" a day (empty for today) and "Compare with" an earlier moment:
 * 30 or 90 days before, the start of the quarter, or a day of one's own.
 */
export function AsOfControls(props: {
  params: AsOfParams;
  view: AsOfView;
  onChange: (changes: Partial<AsOfParams>) => void;
  /** Put at the end of the bar. */
  children?: ReactNode;
}) {
  const { params, view, onChange, children } = props;
  const classes = useStyles();
  const today = utcDay(new Date());
  const ownDate = isCalendarDay(params.compare);
  const choice = ownDate ? COMPARE_DATE : params.compare;
  const known = COMPARE_CHOICES.some(c => c.value === choice);
  return (
    <Box className={classes.bar}>
      <TextField
        id="maturity-as-of"
        className={classes.field}
        type="date"
        label="As of"
        value={params.asOf}
        onChange={event => onChange({ asOf: event.target.value })}
        InputLabelProps={{ shrink: true }}
        inputProps={{ max: today }}
        error={Boolean(view.problems.asOf)}
        helperText={view.problems.asOf ?? 'Empty for today'}
      />
      <TextField
        select
        id="maturity-compare"
        className={classes.field}
        label="Compare with"
        value={known ? choice : params.compare}
        onChange={event => onChange({ compare: event.target.value })}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        error={Boolean(view.problems.compare) && !ownDate}
        helperText={
          (!ownDate && view.problems.compare) || view.compareLabel || ' '
        }
      >
        {COMPARE_CHOICES.map(c => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
        {/* A value from a link that is none of the choices is shown, marked. */}
        {!known && <option value={params.compare}>{params.compare}</option>}
      </TextField>
      {choice === COMPARE_DATE && (
        <TextField
          id="maturity-compare-date"
          className={classes.field}
          type="date"
          label="Date to compare with"
          value={ownDate ? params.compare : ''}
          onChange={event =>
            onChange({ compare: event.target.value || COMPARE_DATE })
          }
          InputLabelProps={{ shrink: true }}
          inputProps={{ max: addDays(view.asOf ?? today, -1) }}
          error={Boolean(view.problems.compare)}
          helperText={view.problems.compare ?? ' '}
        />
      )}
      {children}
    </Box>
  );
}
