import {
  INDEXED_KINDS,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, makeStyles, TextField } from '@material-ui/core';
import { ReactNode, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { formatLevel } from '../shared';
import { EntityRefPicker } from './EntityRefPicker';
import {
  OverviewFilters,
  REF_FILTERS,
  RefFilter,
  ResolvedFilters,
} from './useOverviewFilters';

const TYPING_DELAY_MS = 400;
const LEVELS = [0, 1, 2, 3, 4, 5];
const KIND_LABELS: Record<string, string> = { api: 'API' };

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(1.5),
  },
  // Sized so that the filters and the export fit in one row at 1400 px.
  field: { width: 180 },
  narrow: { width: 125 },
}));

const kindLabel = (kind: string) =>
  KIND_LABELS[kind] ?? `${kind[0].toLocaleUpperCase('en-US')}${kind.slice(1)}`;

/**
 * The overview's filters: owner, system and domain picked from the catalog,
 * the lifecycle as typed, the kind and the minimum level from lists.
 */
export function OverviewFilterBar(props: {
  model: MaturityModel;
  filters: OverviewFilters;
  resolved: ResolvedFilters;
  onChange: (changes: Partial<OverviewFilters>) => void;
  /** Put at the end of the bar (the export). */
  children?: ReactNode;
}) {
  const { model, filters, resolved, onChange, children } = props;
  const classes = useStyles();
  // A kind from a link that the overview does not list is shown, marked.
  const kinds: readonly string[] = resolved.problems.kind
    ? [...INDEXED_KINDS, filters.kind]
    : INDEXED_KINDS;
  const [lifecycle, setLifecycle] = useState(filters.lifecycle);
  useDebounce(
    () => {
      if (lifecycle.trim() !== filters.lifecycle) onChange({ lifecycle });
    },
    TYPING_DELAY_MS,
    [lifecycle],
  );

  const picker = (key: RefFilter, label: string) => (
    <Box className={classes.field}>
      <EntityRefPicker
        id={`maturity-filter-${key}`}
        label={label}
        kinds={[...REF_FILTERS[key].kinds]}
        value={filters[key]}
        entity={resolved.entities[key]}
        error={resolved.problems[key]}
        onChange={(ref, entity) => {
          if (entity) resolved.remember(entity);
          onChange({ [key]: ref });
        }}
      />
    </Box>
  );

  const select = (
    key: 'kind' | 'minLevel',
    label: string,
    options: string[][],
    error?: string,
  ) => (
    <TextField
      select
      id={`maturity-filter-${key}`}
      className={classes.narrow}
      label={label}
      value={filters[key]}
      onChange={event => onChange({ [key]: event.target.value })}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      error={Boolean(error)}
      helperText={error}
    >
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </TextField>
  );

  return (
    <Box className={classes.bar}>
      {picker('owner', 'Owner')}
      {picker('system', 'System')}
      {picker('domain', 'Domain')}
      <TextField
        id="maturity-filter-lifecycle"
        className={classes.narrow}
        label="Lifecycle"
        placeholder="production"
        value={lifecycle}
        onChange={event => setLifecycle(event.target.value)}
      />
      {select(
        'kind',
        'Kind',
        kinds.map(kind => [kind, kindLabel(kind)]),
        resolved.problems.kind,
      )}
      {select('minLevel', 'Minimum level', [
        ['', 'Any'],
        ...LEVELS.map(level => [String(level), formatLevel(model, level)]),
      ])}
      {children}
    </Box>
  );
}
