import type { IndexScope } from '../database/MaturityIndex';

/** Keeps the owners of one walk well below any database's bind limit. */
const MAX_OWNERS_PER_WALK = 500;

/**
 * A group subtree read in ref order makes every batch find and sort the
 * whole subtree again: seconds for 100,000 components. It is read owner by
 * owner instead, by each entity's first owner: whole owners packed into
 * walks of about `batch` rows (and at most 500 owners), and an owner larger
 * than a batch walked alone, in ref order by the index on owner and ref.
 * The entities a further owner places in the subtree (`coOwned`) make one
 * more walk, by ref. `counts`: the rows of each owner of the subtree, in
 * the scope `byOwner` (the scope without its owners).
 */
export function ownerWalks(
  byOwner: IndexScope,
  counts: Array<{ ownerRef: string | null; count: number }>,
  coOwned: string[] | undefined,
  batch: number,
): IndexScope[] {
  const walks: IndexScope[] = [];
  let owners: string[] = [];
  let rows = 0;
  const flush = () => {
    if (owners.length) walks.push({ ...byOwner, owners });
    owners = [];
    rows = 0;
  };
  for (const { ownerRef, count } of counts) {
    if (ownerRef === null) continue;
    if (rows + count > batch || owners.length >= MAX_OWNERS_PER_WALK) flush();
    owners.push(ownerRef);
    rows += count;
  }
  flush();
  if (coOwned?.length) walks.push({ ...byOwner, coOwned });
  return walks;
}
