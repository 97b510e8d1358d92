import {
  reviewDecisionSchema,
  reviewQueueQuerySchema,
  snapshotCounts,
} from './review';
import { SUBMISSION_LIMITS } from './schema';

describe('reviewDecisionSchema', () => {
  it('takes an approval with or without a comment', () => {
    expect(reviewDecisionSchema.parse({ decision: 'approve' })).toEqual({
      decision: 'approve',
    });
    expect(
      reviewDecisionSchema.parse({ decision: 'approve', comment: 'Thanks' }),
    ).toEqual({ decision: 'approve', comment: 'Thanks' });
  });

  it('takes a return with a comment', () => {
    expect(
      reviewDecisionSchema.parse({
        decision: 'return',
        comment: 'No evidence',
      }),
    ).toEqual({ decision: 'return', comment: 'No evidence' });
  });

  it.each([
    ['without a comment', { decision: 'return' }, 'comment'],
    [
      'with a blank comment',
      { decision: 'return', comment: '  \n' },
      'comment',
    ],
    ['an unknown decision', { decision: 'reject' }, 'decision'],
    ['an unknown key', { decision: 'approve', reviewer: 'x' }, ''],
    [
      'a comment over the limit',
      {
        decision: 'approve',
        comment: 'x'.repeat(SUBMISSION_LIMITS.commentLength + 1),
      },
      'comment',
    ],
  ])('refuses a decision %s, naming the field', (_, body, path) => {
    const parsed = reviewDecisionSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map(issue => issue.path.join('.'))).toEqual([
      path,
    ]);
  });
});

describe('snapshotCounts', () => {
  it('counts a snapshot without review and an approved one only', () => {
    expect(snapshotCounts({})).toBe(true);
    expect(snapshotCounts({ review: { status: 'approved' } })).toBe(true);
    expect(snapshotCounts({ review: { status: 'pending' } })).toBe(false);
    expect(snapshotCounts({ review: { status: 'returned' } })).toBe(false);
  });
});

describe('reviewQueueQuerySchema', () => {
  it('pages by 50 by default and coerces the limit', () => {
    expect(reviewQueueQuerySchema.parse({})).toEqual({ limit: 50 });
    expect(reviewQueueQuerySchema.parse({ limit: '10', cursor: 'c' })).toEqual({
      limit: 10,
      cursor: 'c',
    });
    expect(reviewQueueQuerySchema.safeParse({ limit: '201' }).success).toBe(
      false,
    );
  });
});
