import { useApi } from '@backstage/core-plugin-api';
import {
  DefaultEntityFilters,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import {
  Box,
  Checkbox,
  FormControlLabel,
  TextField,
  Typography,
} from '@material-ui/core';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import { formatLevel, ReadableTheme, useMaturityModel } from '../shared';
import {
  assessedRefsQuery,
  criteriaFromQuery,
  criteriaToQuery,
  EntityMaturityFilter,
  isFiltering,
  MaturityCriteria,
} from './EntityMaturityFilter';

/** The catalog filters with the maturity one. @public */
export type MaturityEntityFilters = DefaultEntityFilters & {
  maturity?: EntityMaturityFilter;
};

const LEVELS = [1, 2, 3, 4, 5];

/**
 * A catalog filter by maturity: assessed or not, a minimum level (the lowest
 * dimension median), stale only. One request per change of the criteria.
 * @public
 */
export function EntityMaturityPicker() {
  return (
    <ReadableTheme>
      <MaturityFilter />
    </ReadableTheme>
  );
}

function MaturityFilter() {
  const api = useApi(maturityApiRef);
  const model = useMaturityModel();
  const { updateFilters, queryParameters } =
    useEntityList<MaturityEntityFilters>();
  const [criteria, setCriteria] = useState<MaturityCriteria>(() =>
    criteriaFromQuery(queryParameters.maturity),
  );
  const key = criteriaToQuery(criteria).join(',');
  // The criteria travel with their answer, so that an answer for earlier
  // criteria is never applied to later ones.
  const decided = useAsync(async () => {
    if (!isFiltering(criteria)) return { criteria, refs: undefined };
    const refs = await api.getAssessedRefs(assessedRefsQuery(criteria));
    return { criteria, refs: new Set(refs) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);

  useEffect(() => {
    const answer = decided.value;
    if (!answer) return;
    updateFilters({
      maturity: answer.refs
        ? new EntityMaturityFilter(answer.criteria, answer.refs)
        : undefined,
    });
  }, [decided.value, updateFilters]);

  const notAssessed = criteria.assessment === 'not-assessed';
  return (
    <Box pb={1} pt={1}>
      <Typography variant="button" component="h3">
        Maturity
      </Typography>
      <TextField
        select
        id="catalog-maturity-assessment"
        label="Assessment"
        fullWidth
        margin="dense"
        variant="outlined"
        value={criteria.assessment ?? ''}
        onChange={event => {
          const value = event.target.value;
          setCriteria(
            value === 'not-assessed'
              ? { assessment: 'not-assessed' }
              : {
                  ...criteria,
                  assessment: value === 'assessed' ? 'assessed' : undefined,
                },
          );
        }}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
      >
        <option value="">Any</option>
        <option value="assessed">Assessed</option>
        <option value="not-assessed">Not assessed</option>
      </TextField>
      <TextField
        select
        id="catalog-maturity-min-level"
        label="Minimum level"
        fullWidth
        margin="dense"
        variant="outlined"
        disabled={notAssessed}
        value={criteria.minLevel ?? ''}
        onChange={event =>
          setCriteria({
            ...criteria,
            minLevel: event.target.value
              ? Number(event.target.value)
              : undefined,
          })
        }
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        helperText="Lowest dimension median"
        // Still read while the field is off: disabled grey is unreadable.
        FormHelperTextProps={{ disabled: false }}
      >
        <option value="">Any</option>
        {LEVELS.map(level => (
          <option key={level} value={level}>
            {model.value ? formatLevel(model.value, level) : level}
          </option>
        ))}
      </TextField>
      <FormControlLabel
        disabled={notAssessed}
        control={
          <Checkbox
            checked={!!criteria.stale}
            onChange={event =>
              setCriteria({
                ...criteria,
                stale: event.target.checked || undefined,
              })
            }
          />
        }
        label="Stale only"
      />
      {decided.error && (
        <Typography variant="caption" color="error" component="p" role="alert">
          The maturity filter is unavailable: {decided.error.message}
        </Typography>
      )}
    </Box>
  );
}
