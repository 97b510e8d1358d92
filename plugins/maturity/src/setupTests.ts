import '@testing-library/jest-dom';

// jsdom has no layout, so a ResponsiveContainer would measure 0×0 and leave
// the charts empty; a fixed size lets them render.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  const { cloneElement } = jest.requireActual('react');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: any }) =>
      cloneElement(children, { width: 600, height: 300 }),
  };
});
