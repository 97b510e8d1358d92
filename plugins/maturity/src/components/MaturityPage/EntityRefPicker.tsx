import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TextField, Typography } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';

const SEARCH_DELAY_MS = 250;
const SUGGESTIONS = 20;
/** What a suggestion shows: its ref and its title. */
export const ENTITY_TITLE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.profile.displayName',
];

/** The title an entity is shown by: its title, a user's or group's display name, or its name. */
export function entityTitle(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: unknown } | undefined;
  return (
    entity.metadata.title ??
    (typeof profile?.displayName === 'string'
      ? profile.displayName
      : entity.metadata.name)
  );
}

/**
 * Entities of some kinds whose name or title contains the text, first by
 * name, at most a screenful: one catalog query per pause in typing. Only
 * the answer for the text as it is now is offered, so that Enter never
 * picks a suggestion for what was typed before.
 */
function useSuggestions(kinds: string[], text: string, open: boolean) {
  const catalogApi = useApi(catalogApiRef);
  const [term, setTerm] = useState(text.trim());
  useDebounce(() => setTerm(text.trim()), SEARCH_DELAY_MS, [text]);
  const kindList = kinds.join(',');
  const answer = useAsync(async () => {
    if (!open) return { term, items: [] };
    const { items } = await catalogApi.queryEntities({
      filter: { kind: kindList.split(',') },
      ...(term && {
        fullTextFilter: {
          term,
          fields: [
            'metadata.name',
            'metadata.title',
            'spec.profile.displayName',
          ],
        },
      }),
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: SUGGESTIONS,
      fields: ENTITY_TITLE_FIELDS,
      totalItems: 'exclude',
    });
    return { term, items };
  }, [catalogApi, kindList, term, open]);
  const current = answer.value?.term === text.trim();
  return {
    options: current ? answer.value!.items : [],
    loading: open && (!current || answer.loading),
    error: answer.error,
  };
}

/**
 * A filter field that suggests catalog entities of some kinds as the user
 * types, shows them by title, and hands back the chosen one's ref. A ref the
 * catalog does not know (from a shared link) stays in the field, marked.
 */
export function EntityRefPicker(props: {
  id: string;
  label: string;
  /** The kinds to suggest, as the catalog spells them ("Group"). */
  kinds: string[];
  /** The chosen ref, or '' for none. */
  value: string;
  /** The chosen entity: undefined while it is looked up, null if unknown. */
  entity: Entity | null | undefined;
  /** Why the chosen ref is not usable, shown under the field. */
  error?: string;
  onChange: (ref: string, entity: Entity | null) => void;
}) {
  const { id, label, kinds, value, entity, error, onChange } = props;
  const shown = entity ? entityTitle(entity) : value;
  const [text, setText] = useState(shown);
  const [open, setOpen] = useState(false);
  const suggestions = useSuggestions(kinds, text === shown ? '' : text, open);

  // A ref chosen elsewhere (a link, a reset) shows in the field.
  useEffect(() => setText(shown), [shown]);

  return (
    <Autocomplete<Entity>
      id={id}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      value={entity ?? null}
      inputValue={text}
      onInputChange={(_event, next, reason) => {
        // Leaving the field puts back the chosen entity's title; an unknown
        // ref has none, and is put back as it is.
        setText(reason === 'reset' && value && !entity ? value : next);
      }}
      onChange={(_event, next) =>
        onChange(next ? stringifyEntityRef(next) : '', next)
      }
      options={suggestions.options}
      loading={suggestions.loading}
      // The catalog has already matched the text.
      filterOptions={options => options}
      getOptionLabel={entityTitle}
      getOptionSelected={(option, chosen) =>
        stringifyEntityRef(option) === stringifyEntityRef(chosen)
      }
      noOptionsText={
        suggestions.error ? 'The catalog did not answer' : 'No match'
      }
      renderOption={option => (
        <div>
          <Typography variant="body2">{entityTitle(option)}</Typography>
          <Typography variant="caption" component="div">
            {stringifyEntityRef(option)}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          placeholder="Type to search"
          error={Boolean(error)}
          helperText={error}
          title={value || undefined}
        />
      )}
    />
  );
}
