// Every React Query key comes from here, so invalidating "the coverage" or "the session" is one
// call that cannot miss a spelling.
export const queryKeys = {
  me: () => ['me'] as const,
  communities: () => ['communities'] as const,
  coverage: () => ['coverage'] as const,
  serverHealth: () => ['server-health'] as const,
};
