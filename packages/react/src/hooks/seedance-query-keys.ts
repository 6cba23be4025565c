/** Query keys the kit uses in the QueryClient, so apps can read, invalidate or prefetch them. */
export const seedanceQueryKeys = {
  all: ['seedance'] as const,
  limits: (baseUrl: string) => ['seedance', 'limits', baseUrl] as const,
  /** The latest snapshot of a task, mirrored there by `useVideoTask` as it arrives. */
  task: (taskId: string) => ['seedance', 'task', taskId] as const,
};
