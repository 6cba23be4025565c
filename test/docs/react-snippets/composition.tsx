'use client';
import { DurationSlider, PromptField, VideoResult, VideoResultGrid, useVideoTask } from '@seedance-kit/react';
import { useState } from 'react';

export function ComposedStudio() {
  const task = useVideoTask();
  // Controlled: the app holds the prompt.
  const [prompt, setPrompt] = useState('');
  return (
    <div className="seedance">
      <PromptField.Root value={prompt} onValueChange={setPrompt}>
        <PromptField.Label>Shot</PromptField.Label>
        <PromptField.Input />
        {/* asChild: the part's props, ids and data-* land on the app's own element. */}
        <PromptField.Counter asChild>
          <output className="counter" />
        </PromptField.Counter>
        <PromptField.Error />
      </PromptField.Root>

      {/* Uncontrolled: the slider keeps its own state from defaultValue. */}
      <DurationSlider.Root defaultValue={6} onValueCommit={(seconds) => console.log('duration', seconds)}>
        <DurationSlider.Label />
        <DurationSlider.Value />
        <DurationSlider.Control />
        <DurationSlider.Frames />
      </DurationSlider.Root>

      {task.status === 'idle' ? null : (
        <VideoResultGrid
          status={task.status}
          results={task.results}
          numberResults={task.numberResults}
          progress={task.progress}
          estimatedProgress={task.estimatedProgress}
          error={task.error}
          onRetry={() => void task.retry()}
          renderResult={(slot) => (
            <VideoResult.Root {...slot} className="take">
              <h3>Take {slot.index + 1}</h3>
              <VideoResult.Video />
              <VideoResult.Status />
              <VideoResult.Progress />
              <VideoResult.Seed />
              <VideoResult.Download asChild>
                <a className="take-link">Download</a>
              </VideoResult.Download>
            </VideoResult.Root>
          )}
        />
      )}
    </div>
  );
}
