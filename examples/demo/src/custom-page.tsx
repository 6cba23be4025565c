import {
  CostPreview,
  DimensionPicker,
  DurationSlider,
  FrameImagePicker,
  NumberResultsPicker,
  PromptField,
  TaskStatusAnnouncer,
  VideoResultGrid,
  dimensionInputFor,
  dimensionSelectionFromInput,
  useFrameImage,
  useGenerationForm,
  useVideoTask,
} from '@seedance-kit/react';
import { seedanceProFast } from '@seedance-kit/core';
import type { FormEvent } from 'react';

/**
 * What a product team writes with the hooks and parts instead of the drop-in widget: their own
 * two-column layout, a shorter form (no advanced settings), their own buttons. The task is kept
 * under its own key, so this page and the widget page each resume their own generation.
 */
export function CustomPage() {
  const task = useVideoTask({ key: 'custom-page' });
  const form = useGenerationForm({ task });
  const { values, visibleErrors, limits } = form;
  const hasFrameImage = values.frameImage !== undefined;
  const frameImage = useFrameImage({
    value: values.frameImage,
    maxBodyBytes: limits?.maxBodyBytes,
    onValueChange: (image) => form.setValues({ frameImage: image }, { touch: true }),
  });
  const imageBusy = frameImage.status === 'processing' || frameImage.status === 'invalid';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (task.isActive || imageBusy) return;
    void form.submit();
  };

  return (
    <>
      <h1>Studio</h1>
      <p className="demo-lead">
        The same hooks and parts, laid out by the app: <code>useVideoTask</code>, <code>useGenerationForm</code>, <code>useFrameImage</code> and
        the parts, with a button of its own.
      </p>
      <div className="seedance studio">
        <form className="studio-form" noValidate onSubmit={onSubmit} aria-labelledby="studio-form-title">
          <h2 id="studio-form-title">Describe the shot</h2>
          <PromptField
            value={values.positivePrompt}
            onValueChange={(text) => form.setValue('positivePrompt', text)}
            onBlur={() => form.markTouched('positivePrompt')}
            error={visibleErrors.positivePrompt ?? null}
            onSubmit={() => void form.submit()}
          />
          <FrameImagePicker image={frameImage} error={visibleErrors.frameImage} limits={limits} />
          <DimensionPicker
            value={dimensionSelectionFromInput(values)}
            hasFrameImage={hasFrameImage}
            limits={limits}
            error={visibleErrors.width ?? visibleErrors.height ?? visibleErrors.resolution}
            onValueChange={(selection) => form.setValues(dimensionInputFor(selection, hasFrameImage), { touch: true })}
          />
          <div className="studio-row">
            <DurationSlider
              value={values.duration ?? seedanceProFast.duration.default}
              onValueChange={(seconds) => form.setValue('duration', seconds, { touch: true })}
              limits={limits}
              error={visibleErrors.duration}
            />
            <NumberResultsPicker
              value={values.numberResults ?? seedanceProFast.numberResults.default}
              onValueChange={(n) => form.setValue('numberResults', n, { touch: true })}
              limits={limits}
              error={visibleErrors.numberResults}
            />
          </div>
          {form.submitCount > 0 && form.formError ? (
            <p role="alert" className="studio-form-error">
              {form.formError}
            </p>
          ) : null}
          <div className="studio-actions">
            <CostPreview estimate={form.costEstimate} limits={limits} />
            <button type="submit" className="studio-button" aria-disabled={task.isActive || undefined}>
              {task.isActive ? 'Rendering…' : 'Render video'}
            </button>
            {task.isActive ? (
              <button type="button" className="studio-button studio-button-quiet" onClick={() => void task.cancel()}>
                Stop
              </button>
            ) : null}
          </div>
        </form>
        <section className="studio-results" aria-labelledby="studio-results-title">
          <h2 id="studio-results-title">Takes</h2>
          {task.status === 'idle' ? (
            <p className="studio-empty">Your takes appear here.</p>
          ) : (
            <VideoResultGrid
              status={task.status}
              results={task.results}
              numberResults={task.numberResults}
              progress={task.progress}
              estimatedProgress={task.estimatedProgress}
              error={task.error}
              onRetry={() => void task.retry()}
            />
          )}
          {task.status !== 'idle' && !task.isActive ? (
            <button type="button" className="studio-button studio-button-quiet" onClick={() => task.reset()}>
              New take
            </button>
          ) : null}
          <TaskStatusAnnouncer
            status={task.status}
            progress={task.progress}
            resultCount={task.results.length}
            numberResults={task.numberResults}
            error={task.error}
          />
        </section>
      </div>
    </>
  );
}
