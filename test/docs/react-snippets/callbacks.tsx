'use client';
import { SeedanceGenerator, useVideoTask } from '@seedance-kit/react';

// Your own API: where the app keeps what it made.
declare function saveVideos(taskId: string, urls: readonly string[]): Promise<void>;
declare function logFailure(kind: string, taskId: string | undefined): void;

export function SavingWidget() {
  return (
    <SeedanceGenerator
      onSuccess={(task) => void saveVideos(task.taskId ?? '', task.results.map((r) => r.videoURL))}
      onError={(error, task) => logFailure(error.kind, task.taskId)}
    />
  );
}

export function SavingHook() {
  const task = useVideoTask({
    onResult: (result) => console.info('video arrived', result.videoUUID),
    onStatusChange: (state) => console.info('now', state.status),
    onSettled: (state) => console.info('ended', state.status),
  });
  return <p role="status">{task.status}</p>;
}
