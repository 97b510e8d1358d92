import { InputError } from '@backstage/errors';
import type { Sort } from '../database/MaturityIndex';
import { decodeKeyset, encodeKeyset } from './cursor';

const REF = 'component:default/a';
const raw = (body: unknown) =>
  Buffer.from(JSON.stringify(body)).toString('base64url');
const by = (column: Sort['by']): Sort => ({ by: column, order: 'asc' });
const AT = new Date('2026-06-01T00:00:00.000Z');

describe('decodeKeyset', () => {
  it.each<[string, Sort, unknown, unknown]>([
    ['a percent', by('percentToTarget'), 0.25, 0.25],
    ['a revision', by('revision'), 7, 7],
    // PostgreSQL answers a bigint revision as a string.
    ['a revision as PostgreSQL answers it', by('revision'), '7', 7],
    ['a date', by('assessedAt'), AT, AT],
    // SQLite answers timestamps as epoch milliseconds.
    ['a date as SQLite answers it', by('assessedAt'), AT.getTime(), AT],
    ['a dimension median', by({ dimension: 'people' }), 3, 3],
    ['an unassessed row', by('percentToTarget'), null, null],
    ['a name, by its ref', by('name'), REF, null],
  ])('reads back %s', (_, sort, value, expected) => {
    expect(decodeKeyset(encodeKeyset({ value, ref: REF }), sort)).toEqual({
      ref: REF,
      value: expected,
    });
  });

  it.each<[string, Sort, unknown]>([
    ['text for a percent', by('percentToTarget'), { r: REF, v: 'x' }],
    ['text for a revision', by('revision'), { r: REF, v: 'drop table' }],
    ['a negative revision', by('revision'), { r: REF, v: -1 }],
    ['a fractional revision', by('revision'), { r: REF, v: 1.5 }],
    ['a revision past the column', by('revision'), { r: REF, v: 2 ** 31 }],
    ['text for a date', by('assessedAt'), { r: REF, v: 'yesterday' }],
    ['a bad date', by('assessedAt'), { r: REF, v: 'yesterday', d: 1 }],
    ['a date for a revision', by('revision'), { r: REF, v: AT, d: 1 }],
    ['a level above 5', by({ dimension: 'people' }), { r: REF, v: 6 }],
    ['text for a level', by({ dimension: 'people' }), { r: REF, v: 'high' }],
    ['no ref', by('revision'), { v: 1 }],
  ])('answers 400 to %s', (_, sort, body) => {
    expect(() => decodeKeyset(raw(body), sort)).toThrow(InputError);
  });
});
