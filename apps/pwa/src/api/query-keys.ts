// Every React Query key comes from here, so invalidating "the coverage" or "the session" is one
// call that cannot miss a spelling.
export const queryKeys = {
  me: () => ['me'] as const,
  communities: () => ['communities'] as const,
  coverage: () => ['coverage'] as const,
  serverHealth: () => ['server-health'] as const,
  visitList: (communityCode: string) => ['visit-list', communityCode] as const,
  fieldProgress: (username: string) => ['field-progress', username] as const,
};
