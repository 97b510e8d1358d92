import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Build machines run these tests on two shared cores: give findBy queries and
// waitFor more than the default second before calling a render missing.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);

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
