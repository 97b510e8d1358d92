import { Config } from '@backstage/config';
import {
  defaultMaturityModel,
  extendMaturityModel,
  MaturityModel,
  parseMaturityModel,
} from '@cnmm/backstage-plugin-maturity-common';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * The model in force: the bundled CNMM 4.0, or an organisation's file that
 * replaces or extends it (`maturity.model.file`, `maturity.model.mode`). A
 * broken file throws, so the backend does not start with a half-read model.
 */
export async function loadConfiguredModel(
  config: Config,
): Promise<MaturityModel> {
  const file = config.getOptionalString('maturity.model.file');
  if (!file) return defaultMaturityModel;
  const mode = config.getOptionalString('maturity.model.mode') ?? 'replace';
  if (mode !== 'replace' && mode !== 'extend') {
    throw new Error(
      `maturity.model.mode must be "replace" or "extend", not "${mode}"`,
    );
  }
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
