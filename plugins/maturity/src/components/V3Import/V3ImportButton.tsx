import { useApi } from '@backstage/core-plugin-api';
import {
  V3Import,
  V3ImportResult,
} from '@cnmm/backstage-plugin-maturity-common';
import { Box, Button } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { ChangeEvent, useState } from 'react';
import { maturityApiRef } from '../../api/MaturityApi';
import { plural, serverMessage } from '../shared';

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
 * and maps the file, so that a file it refuses changes nothing.
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
    setBusy(true);
    try {
      onImported(
        await api.importV3Assessment(entityRef, { baseRevision, assessment }),
      );
    } catch (e) {
      setError(serverMessage(e));
    } finally {
      setBusy(false);
    }
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
      {error && (
        <Box mt={1}>
          <Alert severity="error">The file was not imported: {error}</Alert>
        </Box>
      )}
    </>
  );
}

/** What an import did, in a sentence for the confirmation. */
export function describeImport({ assessment, mapping }: V3ImportResult) {
  const parts = [`CNMM 3.x file imported as revision ${assessment.revision}.`];
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
