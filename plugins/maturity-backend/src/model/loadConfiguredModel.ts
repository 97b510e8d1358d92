import {
  defaultMaturityModel,
  extendMaturityModel,
  MaturityModel,
  parseMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ModelSettings } from '../config';

/**
 * The model in force: the bundled CNMM 4.0, or an organisation's file that
 * replaces or extends it (`maturity.model.file`, `maturity.model.mode`). A
 * broken file throws, so the backend does not start with a half-read model.
 */
export async function loadConfiguredModel({
  file,
  mode,
}: ModelSettings): Promise<MaturityModel> {
  if (!file) return defaultMaturityModel;
  const path = resolve(file);
  let data: unknown;
  try {
    data = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(
      `Cannot read the maturity model file ${path}: ${
        (error as Error).message
      }`,
    );
  }
  return mode === 'extend'
    ? extendMaturityModel(defaultMaturityModel, data, path)
    : parseMaturityModel(data, path);
}
