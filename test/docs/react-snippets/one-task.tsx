'use client';
import { createSeedanceClient, crossTabClient, webTaskStorage } from '@seedance-kit/core';
import { SeedanceGenerator, SeedanceProvider, useVideoTask } from '@seedance-kit/react';

// Your own API: where the app keeps what it made.
declare function saveVideos(taskId: string, urls: readonly string[]): Promise<void>;

// Made once, outside render: hooks share a task per client and key.
const client = crossTabClient(createSeedanceClient({ baseUrl: '/api/seedance' }));
// Shared by the origin's tabs (sessionStorage is per tab), read only in the browser.
const storage = webTaskStorage(() => localStorage);

export function Studio() {
  return (
    <SeedanceProvider client={client} storage={storage}>
      <SeedanceGenerator taskKey="clip" onSuccess={(task) => void saveVideos(task.taskId ?? '', task.results.map((r) => r.videoURL))} />
      <TaskBadge />
    </SeedanceProvider>
  );
}

// The widget's key: the same task and state, no second stream.
function TaskBadge() {
  const task = useVideoTask({ key: 'clip', onSettled: (state) => console.info('ended', state.status) });
  return <p role="status">{task.status}</p>;
}
