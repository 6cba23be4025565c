import { seedanceProFast, type TaskError, type TaskResult, type TaskStatus } from '@seedance-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { defaultMessages } from '../../messages.js';
import { CostPreview } from '../cost-preview/cost-preview.js';
import { PromptField } from '../prompt-field/prompt-field.js';
import { TaskStatusAnnouncer } from '../task-status-announcer/task-status-announcer.js';
import { sampleError, sampleResult } from './story-fixtures.js';
import { VideoResultGrid } from './video-result-grid.js';

interface TaskStateViewProps {
  readonly status: TaskStatus;
  readonly numberResults?: number;
  readonly results?: readonly TaskResult[];
  readonly progress?: number;
  readonly estimatedProgress?: number;
  readonly error?: TaskError;
  readonly promptError?: string;
  readonly onRetry?: () => void;
}

/** One task state as the widget shows it, drawn from the parts with state props (no network). */
function TaskStateView({ status, numberResults = 1, results = [], progress, estimatedProgress, error, promptError, onRetry }: TaskStateViewProps) {
  return (
    <div data-seedance-part="generator" style={{ maxWidth: '60rem' }}>
      <div data-seedance-part="generator-layout">
        <div data-seedance-part="generator-form">
          <PromptField defaultValue={promptError ? 'a' : 'Moonlit desert festival procession, lanterns, slow dolly'} error={promptError ?? null} />
          <CostPreview input={{ width: 864, height: 480, duration: 6, numberResults }} />
        </div>
        <div data-seedance-part="generator-results">
          {status === 'idle' ? (
            <div data-seedance-part="generator-empty">{defaultMessages.resultsEmpty}</div>
          ) : (
            <VideoResultGrid
              status={status}
              results={results}
              numberResults={numberResults}
              progress={progress}
              estimatedProgress={estimatedProgress}
              error={error}
              onRetry={onRetry}
            />
          )}
          <TaskStatusAnnouncer visible status={status} progress={progress} resultCount={results.length} numberResults={numberResults} error={error} />
        </div>
      </div>
    </div>
  );
}

const meta = {
  title: 'Task states',
  component: TaskStateView,
  args: { onRetry: fn() },
} satisfies Meta<typeof TaskStateView>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = { args: { status: 'idle' } };

/** The form refused to submit: the prompt is too short. */
export const Invalid: Story = {
  args: { status: 'idle', promptError: `Prompt must be at least ${seedanceProFast.positivePrompt.minLength} characters (now 1).` },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('textbox', { name: 'Prompt' })).toHaveAttribute('aria-invalid', 'true');
  },
};

export const Submitting: Story = { args: { status: 'submitting' } };
export const Queued: Story = { args: { status: 'queued', estimatedProgress: 5 } };
export const ProcessingWithoutProgress: Story = { args: { status: 'processing' } };
export const ProcessingEstimated: Story = { args: { status: 'processing', estimatedProgress: 40 } };
export const ProcessingWithProgress: Story = {
  args: { status: 'processing', progress: 55 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('50% done.');
  },
};

/** Two of four videos arrived; the rest are still on their way. */
export const PartialResults: Story = {
  args: { status: 'processing', numberResults: 4, results: [sampleResult(1), sampleResult(2)], progress: 70 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('link', { name: /Download video/ })).toHaveLength(2);
    await expect(canvas.getAllByRole('progressbar')).toHaveLength(2);
    await expect(canvas.getByRole('status')).toHaveTextContent('2 of 4 videos ready.');
  },
};

export const Cancelled: Story = { args: { status: 'cancelled' } };
export const Expired: Story = { args: { status: 'expired', results: [sampleResult(1)] } };
export const SucceededOne: Story = { args: { status: 'succeeded', results: [sampleResult(1)] } };
export const SucceededFour: Story = {
  args: { status: 'succeeded', numberResults: 4, results: [1, 2, 3, 4].map((n) => sampleResult(n)) },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelectorAll('video')).toHaveLength(4);
    await expect(within(canvasElement).getByText('Seed 9223372036854775807')).toBeInTheDocument();
  },
};

/** One story per error kind, each with the kit's message and retry only where it can help. */
const failed = (error: TaskError, extra: Pick<TaskStateViewProps, 'numberResults' | 'results'> = {}): Story => ({ args: { status: 'failed', error, ...extra } });
export const ErrorValidation = failed(sampleError('validation', 'invalidPositivePrompt'));
export const ErrorAuth = failed(sampleError('auth', 'invalidApiKey'));
export const ErrorCredits = failed(sampleError('credits', 'insufficientCredits'));
export const ErrorModeration = failed(sampleError('moderation', 'contentPolicyViolation'));
export const ErrorRateLimit = failed(sampleError('rate_limit', 'queueFull'));
export const ErrorPolicy = failed(sampleError('policy', 'maxTaskCostUsd'));
export const ErrorProvider = failed(sampleError('provider', 'inferenceError'), { numberResults: 4, results: [sampleResult(1)] });
export const ErrorTimeout = failed(sampleError('timeout', 'timeoutProvider'));
export const ErrorNetwork: Story = {
  ...failed(sampleError('network', 'network')),
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledTimes(1);
  },
};
export const ErrorNotFound = failed(sampleError('not_found', 'taskFailedOrNotFound'));
export const ErrorUnknown = failed(sampleError('unknown', 'unknown'));

/** The dark theme on the states with the most colour (axe checks its contrast too). */
export const ProcessingWithProgressDark: Story = { ...ProcessingWithProgress, globals: { theme: 'dark' } };
export const PartialResultsDark: Story = { ...PartialResults, globals: { theme: 'dark' } };
export const ErrorProviderDark: Story = { ...ErrorProvider, globals: { theme: 'dark' } };
export const InvalidDark: Story = { ...Invalid, globals: { theme: 'dark' } };
