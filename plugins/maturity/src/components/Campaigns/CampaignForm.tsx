import {
  Campaign,
  CampaignInput,
  MaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Grid,
  IconButton,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { serverMessage } from '../shared';
import { campaignInput } from './text';

type GoalRow = { id: string; level: number };

const today = () => new Date().toISOString().slice(0, 10);

function rowsOf(goals: Partial<Record<string, number>> | undefined): GoalRow[] {
  return Object.entries(goals ?? {}).map(([id, level]) => ({
    id,
    level: level ?? 1,
  }));
}

function GoalRows(props: {
  label: string;
  options: Array<{ id: string; title: string }>;
  rows: GoalRow[];
  onChange: (rows: GoalRow[]) => void;
}) {
  const { label, options, rows, onChange } = props;
  const idPrefix = `campaign-${label.toLocaleLowerCase().replace(/\W+/g, '-')}`;
  const update = (i: number, row: Partial<GoalRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  return (
    <Box mb={2}>
      <Typography variant="subtitle2">{label}</Typography>
      {rows.map((row, i) => (
        <Box key={i} display="flex" alignItems="center" mt={1}>
          <TextField
            select
            id={`${idPrefix}-${i}`}
            label={`${label} ${i + 1}`}
            value={row.id}
            onChange={e => update(i, { id: e.target.value })}
            style={{ minWidth: 360 }}
          >
            {options.map(o => (
              <MenuItem key={o.id} value={o.id}>
                {o.title}
              </MenuItem>
            ))}
          </TextField>
          <Box ml={2}>
            <TextField
              select
              id={`${idPrefix}-${i}-level`}
              label="At least level"
              value={row.level}
              onChange={e => update(i, { level: Number(e.target.value) })}
              style={{ minWidth: 140 }}
            >
              {[1, 2, 3, 4, 5].map(level => (
                <MenuItem key={level} value={level}>
                  {level}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          <IconButton
            aria-label={`Remove ${label.toLocaleLowerCase()} ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      <Button
        size="small"
        onClick={() => onChange([...rows, { id: options[0].id, level: 2 }])}
      >
        Add {label.toLocaleLowerCase()}
      </Button>
    </Box>
  );
}

/** Creates a campaign, or edits one (a new version; the old one is kept). */
export function CampaignForm(props: {
  model: MaturityModel;
  campaign?: Campaign;
  onCancel: () => void;
  onSaved: (campaign: Campaign) => void;
}) {
  const { model, campaign } = props;
  const api = useApi(maturityApiRef);
  const initial: CampaignInput = campaign
    ? campaignInput(campaign)
    : {
        title: '',
        description: '',
        scope: { kind: 'component' },
        goals: {},
        startsOn: today(),
        deadline: '',
        status: 'open',
      };
  const [form, setForm] = useState(initial);
  const [topics, setTopics] = useState(rowsOf(initial.goals.topics));
  const [dimensions, setDimensions] = useState(
    rowsOf(initial.goals.dimensions),
  );
  const [withinDays, setWithinDays] = useState(
    initial.goals.assessedWithinDays?.toString() ?? '',
  );
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const topicOptions = model.dimensions.flatMap(d =>
    d.topics.map(t => ({ id: t.id, title: `${d.title}: ${t.title}` })),
  );
  const dimensionOptions = model.dimensions.map(d => ({
    id: d.id,
    title: d.title,
  }));
  // MUI ties a label to its field through the id.
  const scopeField = (key: 'kind' | 'owner' | 'system' | 'lifecycle') => ({
    id: `campaign-scope-${key}`,
    value: form.scope[key] ?? '',
    onChange: (e: { target: { value: string } }) =>
      setForm({
        ...form,
        scope: { ...form.scope, [key]: e.target.value || undefined },
      }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    const input: CampaignInput = {
      ...form,
      goals: {
        ...(topics.length && {
          topics: Object.fromEntries(topics.map(r => [r.id, r.level])),
        }),
        ...(dimensions.length && {
          dimensions: Object.fromEntries(dimensions.map(r => [r.id, r.level])),
        }),
        ...(withinDays !== '' && { assessedWithinDays: Number(withinDays) }),
      },
    };
    try {
      const saved = campaign
        ? await api.updateCampaign(campaign.id, {
            ...input,
            baseVersion: campaign.version,
          })
        : await api.createCampaign(input);
      props.onSaved(saved);
    } catch (e) {
      setError(serverMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      aria-label={campaign ? 'Edit campaign' : 'New campaign'}
    >
      <Typography variant="h5" component="h2" gutterBottom>
        {campaign ? `Edit ${campaign.title}` : 'New campaign'}
      </Typography>
      {error && (
        <Box mb={2}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <TextField
            id="campaign-title"
            label="Title"
            required
            fullWidth
            value={form.title}
            onChange={e => setForm({ ...form, title: e.target.value })}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField
            id="campaign-starts-on"
            label="Starts on"
            type="date"
            required
            fullWidth
            InputLabelProps={{ shrink: true }}
            value={form.startsOn}
            onChange={e => setForm({ ...form, startsOn: e.target.value })}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField
            id="campaign-deadline"
            label="Deadline"
            type="date"
            required
            fullWidth
            InputLabelProps={{ shrink: true }}
            value={form.deadline}
            onChange={e => setForm({ ...form, deadline: e.target.value })}
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            id="campaign-description"
            label="Description"
            fullWidth
            multiline
            minRows={2}
            value={form.description}
            onChange={e => setForm({ ...form, description: e.target.value })}
          />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="h6" component="h3">
            Scope
          </Typography>
          <Typography variant="body2" color="textSecondary">
            The overview's filters; an owner includes the teams below it.
          </Typography>
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField label="Kind" fullWidth {...scopeField('kind')} />
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField
            label="Owner"
            placeholder="group:default/payments"
            fullWidth
            {...scopeField('owner')}
          />
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField label="System" fullWidth {...scopeField('system')} />
        </Grid>
        <Grid item xs={6} md={3}>
          <TextField label="Lifecycle" fullWidth {...scopeField('lifecycle')} />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="h6" component="h3">
            Goals
          </Typography>
          <GoalRows
            label="Topic goal"
            options={topicOptions}
            rows={topics}
            onChange={setTopics}
          />
          <GoalRows
            label="Dimension goal"
            options={dimensionOptions}
            rows={dimensions}
            onChange={setDimensions}
          />
          <TextField
            id="campaign-assessed-within"
            label="Assessed within (days)"
            type="number"
            value={withinDays}
            onChange={e => setWithinDays(e.target.value)}
            inputProps={{ min: 1 }}
          />
        </Grid>
      </Grid>
      <Box mt={3} display="flex">
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={saving}
        >
          {campaign ? 'Save changes' : 'Create campaign'}
        </Button>
        <Box ml={1}>
          <Button onClick={props.onCancel}>Cancel</Button>
        </Box>
      </Box>
    </form>
  );
}
