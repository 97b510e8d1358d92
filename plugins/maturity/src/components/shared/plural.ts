/**
 * A count with its noun in the right number: "1 topic", "3 topics", "0
 * topics". Every count shown in words goes through here, so that none reads
 * "1 topics".
 */
export function plural(
  count: number,
  noun: string,
  nounPlural = `${noun}s`,
): string {
  return `${count} ${count === 1 ? noun : nounPlural}`;
}
