import { ConfigReader } from '@backstage/config';
import { defaultMaturityModel } from '@cnmm/backstage-plugin-maturity-common';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readMaturityConfig } from '../config';
import { loadConfiguredModel } from './loadConfiguredModel';

function modelFile(content: unknown): string {
  const file = join(
    mkdtempSync(join(tmpdir(), 'maturity-model-')),
    'model.yaml',
  );
  writeFileSync(
    file,
    typeof content === 'string' ? content : stringify(content),
  );
  return file;
}

const config = (model: object) => new ConfigReader({ maturity: { model } });

/** The model settings as the plugin reads them from config. */
const settings = (model: object) => readMaturityConfig(config(model)).model;

const topic = {
  id: 'internal.sbom',
  title: 'Software bill of materials',
  url: 'https://example.com/sbom',
  levels: [1, 2, 3, 4, 5].map(level => ({
    level,
    title: `Level ${level}`,
    criteria: [`SBOM practice at level ${level}.`],
  })),
};

describe('loadConfiguredModel', () => {
  it('uses the bundled model when no file is configured', async () => {
    expect(
      await loadConfiguredModel(readMaturityConfig(new ConfigReader({})).model),
    ).toBe(defaultMaturityModel);
  });

  it('replaces the model with a valid file', async () => {
    const file = modelFile({
      ...defaultMaturityModel,
      id: 'acme',
      dimensions: [{ ...defaultMaturityModel.dimensions[0], topics: [topic] }],
    });
    const model = await loadConfiguredModel(settings({ file }));
    expect(model.id).toBe('acme');
    expect(model.dimensions.flatMap(d => d.topics.map(t => t.id))).toEqual([
      'internal.sbom',
    ]);
  });

  it('extends the bundled model with topics of an existing dimension', async () => {
    const file = modelFile({
      dimensions: [{ id: 'technology', topics: [topic] }],
    });
    const model = await loadConfiguredModel(settings({ file, mode: 'extend' }));
    const technology = model.dimensions.find(d => d.id === 'technology')!;
    expect(technology.topics.map(t => t.id)).toContain('internal.sbom');
    expect(model.dimensions.flatMap(d => d.topics)).toHaveLength(23);
  });

  it('stops with an error naming the file, the path and the problem', async () => {
    const file = modelFile({
      dimensions: [
        { id: 'technology', topics: [{ ...topic, url: 'http://insecure' }] },
      ],
    });
    await expect(
      loadConfiguredModel(settings({ file, mode: 'extend' })),
    ).rejects.toThrow(
      new RegExp(`${file}.*dimensions\\[0\\]\\.topics\\[0\\]\\.url.*https`),
    );
  });

  it('reports unreadable YAML and unknown modes', async () => {
    const file = modelFile('dimensions: [unclosed');
    await expect(loadConfiguredModel(settings({ file }))).rejects.toThrow(file);
    // The mode is checked where config is read, before any file is.
    expect(() => readMaturityConfig(config({ file, mode: 'merge' }))).toThrow(
      /replace" or "extend/,
    );
  });
});
