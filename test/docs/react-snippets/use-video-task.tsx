'use client';
import { useVideoTask } from '@seedance-kit/react';

export function QuickClip() {
  const task = useVideoTask({ key: 'quick-clip', tickMs: 250 });
  return (
    <div>
      <button
        type="button"
        aria-disabled={task.isActive || undefined}
        onClick={() => void task.submit({ positivePrompt: 'A paper boat on a rainy street', duration: 3 })}
      >
        Generate
      </button>
      {task.isActive ? (
        <button type="button" onClick={() => void task.cancel()}>
          Cancel
        </button>
      ) : null}
      <p role="status">
        {task.status} {task.progress ?? `~${Math.round(task.estimatedProgress)}`}%
      </p>
      {task.status === 'failed' && task.error ? (
        <p role="alert">
          {task.error.message} {task.error.retryable ? <button onClick={() => void task.retry()}>Try again</button> : null}
        </p>
      ) : null}
      {task.results.map((result) => (
        <video key={result.videoUUID} src={result.videoURL} controls aria-label={`Seed ${result.seed ?? 'unknown'}`} />
      ))}
      {task.costUsd !== undefined ? <p>Charged ${task.costUsd.toFixed(4)}</p> : null}
    </div>
  );
}
