import {
  Entity,
  RELATION_CHILD_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  MaturityModel,
  ScorecardChild,
} from '@cnmm/backstage-plugin-maturity-common';
import {
  Box,
  IconButton,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../../api/MaturityApi';
import {
  ComponentCountCell,
  HeatMapCells,
  HeatMapHeaders,
  HeatMapTable,
  mediansOf,
  serverMessage,
} from '../shared';

type TeamRollUp = Omit<ScorecardChild, 'title'>;

interface TreeProps {
  model: MaturityModel;
  /** Number of child groups per group ref, from the catalog. */
  childCounts: Map<string, number>;
  depth: number;
}

// Refs from relations and from the backend are compared case-insensitively,
// as the catalog does.
const normalize = (ref: string) => ref.toLocaleLowerCase('en-US');

function parentOf(group: Entity): string | undefined {
  const parent = group.relations?.find(
    r => r.type === RELATION_CHILD_OF,
  )?.targetRef;
  return parent && normalize(parent);
}

function useGroupScorecard(groupRef: string) {
  const api = useApi(maturityApiRef);
  return useAsync(
    () => api.getScorecard(groupRef, { entities: 'none' }),
    [api, groupRef],
  );
}

/** One full-width row in place of a group's rows: its error, or a spinner. */
function PendingRow(props: {
  model: MaturityModel;
  error?: Error;
  /** Put before the error, to say which group failed. */
  errorPrefix?: string;
}) {
  const { model, error, errorPrefix } = props;
  return (
    <TableRow>
      <TableCell colSpan={model.dimensions.length + 3}>
        {error ? (
          <Typography color="error" variant="body2">
            {errorPrefix}
            {serverMessage(error)}
          </Typography>
        ) : (
          <Progress />
        )}
      </TableCell>
    </TableRow>
  );
}

/** The child teams of a group, fetched when the group is expanded. */
function LazyChildRows(props: TreeProps & { groupRef: string }) {
  const { groupRef, ...tree } = props;
  const scorecard = useGroupScorecard(groupRef);
  if (scorecard.error || !scorecard.value) {
    return <PendingRow model={tree.model} error={scorecard.error} />;
  }
  return (
    <>
      {scorecard.value.children.map(child => (
        <TeamRows key={child.entityRef} {...tree} team={child} />
      ))}
    </>
  );
}

function TeamRows(
  props: TreeProps & {
    team: TeamRollUp;
    /** Children already known, which then need no request. */
    knownChildren?: ScorecardChild[];
  },
) {
  const { model, childCounts, depth, team, knownChildren } = props;
  const [open, setOpen] = useState(Boolean(knownChildren));
  const hasChildren = (childCounts.get(normalize(team.entityRef)) ?? 0) > 0;
  return (
    <>
      <TableRow>
        <TableCell>
          <Box display="flex" alignItems="center" pl={depth * 3}>
            {hasChildren ? (
              <IconButton
                size="small"
                aria-expanded={open}
                aria-label={`${open ? 'Collapse' : 'Expand'} ${team.entityRef}`}
                onClick={() => setOpen(!open)}
              >
                {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
              </IconButton>
            ) : (
              <Box width={30} />
            )}
            <EntityRefLink entityRef={team.entityRef} />
          </Box>
        </TableCell>
        <ComponentCountCell components={team.components} />
        <HeatMapCells model={model} row={team} />
      </TableRow>
      {open &&
        hasChildren &&
        (knownChildren ? (
          knownChildren.map(child => (
            <TeamRows
              key={child.entityRef}
              model={model}
              childCounts={childCounts}
              depth={depth + 1}
              team={child}
            />
          ))
        ) : (
          <LazyChildRows
            model={model}
            childCounts={childCounts}
            depth={depth + 1}
            groupRef={team.entityRef}
          />
        ))}
    </>
  );
}

/** A top-level group: one request gives its roll-up and its child teams'. */
function RootRows(props: TreeProps & { groupRef: string }) {
  const { groupRef, ...tree } = props;
  const scorecard = useGroupScorecard(groupRef);
  if (scorecard.error || !scorecard.value) {
    return (
      <PendingRow
        model={tree.model}
        error={scorecard.error}
        errorPrefix={`${groupRef}: `}
      />
    );
  }
  const { components, dimensions, percentToTarget, children } = scorecard.value;
  return (
    <TeamRows
      {...tree}
      team={{
        entityRef: groupRef,
        components,
        percentToTarget,
        dimensions: mediansOf(dimensions),
      }}
      knownChildren={children}
    />
  );
}

/** Groups × dimensions, starting at the top-level groups. */
export function TeamsTab(props: { model: MaturityModel }) {
  const { model } = props;
  const catalogApi = useApi(catalogApiRef);
  const groups = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
    });
    const childCounts = new Map<string, number>();
    const roots: string[] = [];
    for (const group of items) {
      const parent = parentOf(group);
      if (parent) childCounts.set(parent, (childCounts.get(parent) ?? 0) + 1);
      else roots.push(stringifyEntityRef(group));
    }
    return { childCounts, roots: roots.sort() };
  }, [catalogApi]);

  if (groups.error) return <ResponseErrorPanel error={groups.error} />;
  if (!groups.value) return <Progress />;
  if (!groups.value.roots.length) {
    return (
      <Typography variant="body2" color="textSecondary">
        There are no groups in the catalog.
      </Typography>
    );
  }
  return (
    <HeatMapTable
      model={model}
      label="Maturity by team"
      header={
        <>
          <TableCell>Group</TableCell>
          <TableCell>Assessed</TableCell>
          <HeatMapHeaders model={model} />
        </>
      }
    >
      {groups.value.roots.map(root => (
        <RootRows
          key={root}
          model={model}
          childCounts={groups.value!.childCounts}
          depth={0}
          groupRef={root}
        />
      ))}
    </HeatMapTable>
  );
}
