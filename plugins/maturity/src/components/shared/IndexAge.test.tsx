import { render, screen } from '@testing-library/react';
import { IndexAge } from './IndexAge';

describe('IndexAge', () => {
  const now = new Date('2026-11-22T12:00:00Z');

  it.each([
    ['2026-11-22T11:59:40Z', 'just now'],
    ['2026-11-22T11:48:00Z', '12 min ago'],
    ['2026-11-22T07:00:00Z', '5 h ago'],
    ['2026-11-19T12:00:00Z', '3 days ago'],
  ])('tells how old the catalog data of %s is', (indexedAt, text) => {
    render(<IndexAge indexedAt={indexedAt} now={now} />);
    expect(
      screen.getByText(`Catalog data as of ${text}`),
    ).toBeInTheDocument();
  });

  it('shows nothing without an index time', () => {
    const { container } = render(<IndexAge now={now} />);
    expect(container).toBeEmptyDOMElement();
  });
});
