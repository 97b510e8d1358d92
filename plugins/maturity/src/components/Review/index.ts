export { ReviewActions } from './ReviewActions';
export type { ReviewOutcome } from './ReviewActions';
export { ReviewStatusChip } from './ReviewStatus';
export { ReviewsTab } from './ReviewsTab';
export { useMayReview } from './useMayReview';
