import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cnmm4Model } from './cnmm4';

// The official texts live next to the repository: <repo root>/../shared/cnmm.
const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const SHARED = resolve(REPO_ROOT, '..', 'shared', 'cnmm');
const RUN = 8;

/** Lower-cased words, punctuation stripped ("team’s" → "teams"). */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** Every run of RUN words of `text` that occurs in `source`. */
function copiedRuns(text: string, source: string): string[] {
  const w = words(text);
  const found: string[] = [];
  for (let i = 0; i + RUN <= w.length; i++) {
    const run = w.slice(i, i + RUN).join(' ');
    if (source.includes(` ${run} `)) found.push(run);
  }
  return found;
}

describe('words and copiedRuns', () => {
  it('normalises case and punctuation', () => {
    expect(words('The team’s “Level 1” KPIs, agreed.')).toEqual([
      'the',
      'teams',
      'level',
      '1',
      'kpis',
      'agreed',
    ]);
  });

  it('finds an 8-word run and ignores a 7-word one', () => {
    const source = ` ${words(
      'x one two three four five six seven eight y',
    ).join(' ')} `;
    expect(
      copiedRuns('One, two three four five six seven eight!', source),
    ).toEqual(['one two three four five six seven eight']);
    expect(
      copiedRuns('one two three four five six seven nine', source),
    ).toEqual([]);
  });
});

const sharedExists = existsSync(SHARED);

describe('the licence of the bundled model', () => {
  const source = () =>
    ` ${readdirSync(SHARED)
      .filter(f => /^v4-.*\.md$/.test(f))
      .map(f => words(readFileSync(join(SHARED, f), 'utf8')).join(' '))
      .join(' ')} `;

  const texts = (kind: 'levels' | 'other') => {
    const result: Array<[string, string]> = [];
    for (const dimension of cnmm4Model.dimensions) {
      if (kind === 'other')
        result.push([`${dimension.id} overview`, dimension.overview]);
      for (const topic of dimension.topics) {
        if (kind === 'other' && topic.summary) {
          result.push([`${topic.id} summary`, topic.summary]);
        }
        if (kind === 'levels') {
          for (const level of topic.levels) {
            const where = `${topic.id} level ${level.level}`;
            result.push([`${where} title`, level.title]);
            level.criteria.forEach((c, i) =>
              result.push([`${where} criterion ${i + 1}`, c]),
            );
          }
        }
      }
    }
    if (kind === 'other') {
      for (const level of cnmm4Model.levels) {
        result.push([`level ${level.level} description`, level.description]);
      }
    }
    return result;
  };

  // Without the shared folder, these tests are skipped and say why.
  (sharedExists ? describe : describe.skip)(
    sharedExists
      ? 'against the CNMM text'
      : `(skipped: ${SHARED} does not exist)`,
    () => {
      it('copies no 8-word run of the CNMM text into a level title or criterion', () => {
        const text = source();
        expect(text.length).toBeGreaterThan(10000);
        const copied = texts('levels').flatMap(([where, t]) =>
          copiedRuns(t, text).map(run => `${where}: "${run}"`),
        );
        expect(copied).toEqual([]);
      });

      it('copies no 8-word run of the CNMM text into an overview, summary or level description', () => {
        const text = source();
        const copied = texts('other').flatMap(([where, t]) =>
          copiedRuns(t, text).map(run => `${where}: "${run}"`),
        );
        expect(copied).toEqual([]);
      });

      it('would detect a sentence copied from the CNMM text', () => {
        const copied = copiedRuns(
          'Progressing from level one to five, your team starts with basic technical knowledge.',
          source(),
        );
        // 13 words: every one of the 6 runs of 8 words is found
        expect(copied).toHaveLength(6);
      });
    },
  );

  it('checks a non-trivial number of texts', () => {
    expect(texts('levels').length).toBeGreaterThan(22 * 4 * 3);
  });
});
