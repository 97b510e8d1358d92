import { useApi } from '@backstage/core-plugin-api';
import {
  V3Import,
  V3ImportMode,
  V3ImportResult,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ChangeEvent, useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { plural, serverMessage } from '../shared';
import { V3ImportDialog } from './V3ImportDialog';

// FileReader rather than Blob.text(), which older browsers and jsdom lack.
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

/**
 * Records a snapshot from a CNMM 3.x assessment file. The server validates
 * and maps the file, so that a file it refuses changes nothing. Over an
 * existing assessment it asks first: merge (the default) or replace.
 */
export function V3ImportButton(props: {
  entityRef: string;
  baseRevision: number;
  onImported: (result: V3ImportResult) => void;
}) {
  const { entityRef, baseRevision, onImported } = props;
  const api = useApi(maturityApiRef);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // A file read and waiting for the choice of merge or replace.
  const [pending, setPending] = useState<{
    name: string;
    assessment: V3Import['assessment'];
  }>();

  const send = async (
    assessment: V3Import['assessment'],
    mode: V3ImportMode,
  ) => {
    setPending(undefined);
    setBusy(true);
    try {
      onImported(
        await api.importV3Assessment(entityRef, {
          baseRevision,
          assessment,
          mode,
        }),
      );
    } catch (e) {
      setError(serverMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(undefined);
    let assessment: V3Import['assessment'];
    try {
      assessment = JSON.parse(await readText(file));
    } catch {
      setError(`${file.name} is not a JSON file.`);
      return;
    }
    // Nothing to merge into or replace: no question to ask.
    if (baseRevision === 0) await send(assessment, 'merge');
    else setPending({ name: file.name, assessment });
  };

  return (
    <>
      <Button variant="outlined" component="label" disabled={busy}>
        Import CNMM 3.x file
        <input
          hidden
          type="file"
          accept="application/json,.json"
          aria-label="CNMM 3.x assessment file"
          onChange={upload}
          // Cleared on open, so that choosing the same file again after a
          // fix uploads it again.
          onClick={event => {
            event.currentTarget.value = '';
          }}
        />
      </Button>
      {pending && (
        <V3ImportDialog
          fileName={pending.name}
          revision={baseRevision}
          onCancel={() => setPending(undefined)}
          onImport={mode => send(pending.assessment, mode)}
        />
      )}
      {error && (
        <Box mt={1}>
          <Alert severity="error">The file was not imported: {error}</Alert>
        </Box>
      )}
    </>
  );
}

const topics = (n: number) => plural(n, 'topic');

/** What an import did, in a sentence for the confirmation. */
export function describeImport({
  assessment,
  mapping,
  mode,
  replacedTopics,
  keptTopics,
}: V3ImportResult) {
  const parts = [`CNMM 3.x file imported as revision ${assessment.revision}.`];
  if (mode === 'merge' && (replacedTopics.length || keptTopics.length)) {
    parts.push(
      `Merged: the ratings of ${topics(
        replacedTopics.length,
      )} replaced; ${topics(
        keptTopics.length,
      )}, the notes, evidence and targets kept.`,
    );
  } else if (mode === 'replace' && replacedTopics.length) {
    parts.push(
      `It replaces the previous assessment (${topics(
        replacedTopics.length,
      )}, notes, evidence and targets); the history keeps it.`,
    );
  }
  if (mapping.shifted.length) {
    parts.push(
      `${plural(
        mapping.shifted.length,
        'rated level',
      )} counted towards the 4.0 level that now holds the content.`,
    );
  }
  if (mapping.approximate?.length) {
    parts.push(
      `${plural(
        mapping.approximate.length,
        '4.0 level',
      )} only partly asked by 3.x, capped at partially.`,
    );
  }
  if (mapping.dropped.length) {
    parts.push(`Left out (no 4.0 topic): ${mapping.dropped.join(', ')}.`);
  }
  return parts.join(' ');
}
