'use client';
import { isTerminal, seedanceProFast, type GenerationInput, type SeedanceClient, type VideoTaskCallbacks } from '@seedance-kit/core';
import { forwardRef, lazy, Suspense, useCallback, useEffect, useId, useRef, useState, type ComponentPropsWithoutRef, type CSSProperties, type FormEvent } from 'react';
import type { SeedanceMessages } from '../../messages.js';
import { SeedanceMessagesProvider } from '../../provider/seedance-messages-provider.js';
// Only what the package exports: the widget is built as any app would build it.
import { useFrameImage } from '../frame-image-picker/index.js';
import { useGenerationForm } from '../../hooks/use-generation-form.js';
import { useVideoTask } from '../../hooks/use-video-task.js';
import { SeedanceProvider } from '../../provider/seedance-provider.js';
import { useOptionalSeedanceContext } from '../../provider/seedance-context.js';
import { AdvancedSettings } from '../advanced-settings/index.js';
import { CameraFixedSwitch } from '../camera-fixed-switch/index.js';
import { CostPreview } from '../cost-preview/index.js';
import { DimensionPicker, dimensionInputFor, dimensionSelectionFromInput } from '../dimension-picker/index.js';
import { DurationSlider } from '../duration-slider/index.js';
import { FrameImagePicker } from '../frame-image-picker/index.js';
import { aspectRatioOf } from '../internal/aspect-ratio.js';
import { buttonProps, cx, flag } from '../internal/compose.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';
import { NumberResultsPicker } from '../number-results-picker/index.js';
import { OutputFormatPicker, OutputQualitySlider } from '../output-format-picker/index.js';
import { PromptField } from '../prompt-field/index.js';
import { SafetyPicker, safetyInputFor, safetyModeOf } from '../safety-picker/index.js';
import { SeedField } from '../seed-field/index.js';
import { TaskStatusAnnouncer } from '../task-status-announcer/index.js';

/**
 * The stylesheet's variables, for a typed `style`:
 * `<SeedanceGenerator style={{ '--seedance-accent': '#0f766e' }} />`.
 */
export interface SeedanceCSSVariables {
  readonly '--seedance-font'?: string;
  readonly '--seedance-radius'?: string;
  readonly '--seedance-radius-small'?: string;
  readonly '--seedance-gap'?: string;
  readonly '--seedance-bg'?: string;
  readonly '--seedance-surface'?: string;
  readonly '--seedance-surface-strong'?: string;
  readonly '--seedance-text'?: string;
  readonly '--seedance-text-muted'?: string;
  readonly '--seedance-border'?: string;
  readonly '--seedance-border-subtle'?: string;
  readonly '--seedance-accent'?: string;
  readonly '--seedance-accent-hover'?: string;
  readonly '--seedance-accent-text'?: string;
  readonly '--seedance-accent-soft'?: string;
  readonly '--seedance-danger'?: string;
  readonly '--seedance-danger-soft'?: string;
  readonly '--seedance-success'?: string;
  readonly '--seedance-focus'?: string;
  readonly '--seedance-shadow'?: string;
}

/** A section of the form the widget can leave out. */
export type SeedanceGeneratorSection = 'frameImage' | 'advanced';

/**
 * `onSuccess(task)`, `onError(error, task)`, `onSettled(task)`, `onStatusChange(task)`,
 * `onResult(result, task)`: the widget's task, as `useVideoTask` reports it (once per run, across
 * a reload that resumes it). `onError` here is the task's, not the DOM's.
 */
export interface SeedanceGeneratorProps extends Omit<ComponentPropsWithoutRef<'section'>, 'children' | 'onError' | 'style'>, VideoTaskCallbacks {
  /**
   * Where the backend handler is mounted (default `/api/seedance`). Used only when no
   * `SeedanceProvider` is above; inside one, the provider's client is used.
   */
  readonly endpoint?: string;
  /** A ready client (`createSeedanceClient` from core); like `endpoint`, used only without a provider above. */
  readonly client?: SeedanceClient;
  /** Strings to replace, laid over the provider's (if any) and the English defaults. */
  readonly messages?: Partial<SeedanceMessages>;
  /** Initial form values, laid over the spec's defaults and the provider's `defaults`. */
  readonly defaults?: Partial<GenerationInput>;
  /**
   * Which task this widget runs and resumes after a reload (`useVideoTask`'s `key`; React keeps
   * `key` for itself). Two widgets on one page need different keys. Default `'default'`.
   */
  readonly taskKey?: string;
  /** Sections to leave out: `'frameImage'` (the first frame picker), `'advanced'` (seed, camera, format, quality, content check). */
  readonly hide?: readonly SeedanceGeneratorSection[];
  /** The title's heading level (default 2); the results heading is one below it. */
  readonly headingLevel?: 1 | 2 | 3 | 4 | 5;
  /**
   * `'light'` (what the stylesheet does by default), `'dark'`, or `'auto'` to follow the OS's
   * `prefers-color-scheme`. Unset, the widget follows a `data-theme` on an ancestor.
   */
  readonly theme?: 'light' | 'dark' | 'auto';
  /** Inline styles, the stylesheet's variables typed. */
  readonly style?: CSSProperties & SeedanceCSSVariables;
  /** Leave out the `seedance` class, so `styles.css` does not apply; style the parts yourself. */
  readonly unstyled?: boolean;
}

/**
 * The drop-in widget: every setting of the model, the cost estimate, live progress, results
 * and retry, made of the kit's public parts and hooks, as any app would build it. Renders its own `SeedanceProvider` when there is none above.
 */
export const SeedanceGenerator = forwardRef<HTMLElement, SeedanceGeneratorProps>(function SeedanceGenerator({ endpoint, client, messages, ...props }, ref) {
  const body = (
    <SeedanceMessagesProvider messages={messages}>
      <GeneratorBody {...props} ref={ref} />
    </SeedanceMessagesProvider>
  );
  return useOptionalSeedanceContext() ? body : <SeedanceProvider endpoint={endpoint} client={client}>{body}</SeedanceProvider>;
});

type BodyProps = Omit<SeedanceGeneratorProps, 'endpoint' | 'client' | 'messages'>;

const shapeStyle = (aspect: number | undefined) => (aspect ? ({ '--seedance-result-aspect': String(aspect) } as CSSProperties) : undefined);

const spec = seedanceProFast;

// The results view is not needed until a task starts: it loads when the form is first used (or
// a task resumes), which keeps it off the page's first load.
const loadResultsView = () => import('../video-result/video-result-grid.js');
const VideoResultGrid = lazy(() => loadResultsView().then(({ VideoResultGrid }) => ({ default: VideoResultGrid })));
// A failed early load is not an error yet: the lazy component loads (and reports) again when shown.
const preloadResultsView = () => void loadResultsView().catch(() => undefined);

/** Settings inside the advanced section, which must be open to reach them. */
const ADVANCED_FIELDS: readonly string[] = ['seed', 'cameraFixed', 'outputFormat', 'outputQuality', 'safetyMode'];

const GeneratorBody = forwardRef<HTMLElement, BodyProps>(function GeneratorBody(
  { unstyled = false, className, onSuccess, onError, onSettled, onStatusChange, onResult, defaults, taskKey, hide = [], headingLevel = 2, theme, ...props },
  ref,
) {
  const messages = useSeedanceMessages();
  const task = useVideoTask({ key: taskKey, onSuccess, onError, onSettled, onStatusChange, onResult });
  const form = useGenerationForm({ task, defaultValues: defaults });
  const Title = `h${headingLevel}` as 'h2';
  const ResultsTitle = `h${headingLevel + 1}` as 'h3';
  const { values, visibleErrors, limits } = form;
  const titleId = `seedance-generator-${useId().replace(/:/g, '')}`;
  const formRef = useRef<HTMLFormElement>(null);
  const [focusRequest, setFocusRequest] = useState<{ readonly n: number; readonly field: string | undefined }>();
  // Stable, labelled targets for focus when the control that had it goes away (WCAG 2.4.3):
  // moved there before the action re-renders, so focus never falls to <body>.
  const generateRef = useRef<HTMLButtonElement>(null);
  const resultsTitleRef = useRef<HTMLHeadingElement>(null);
  const cancelNode = useRef<HTMLButtonElement | null>(null);
  // Cancel leaves when the task ends: React detaches its ref before removing it, so focus still
  // on it then goes to the results heading. Stable, or every render would detach and re-attach.
  const cancelRef = useCallback((node: HTMLButtonElement | null) => {
    if (!node && cancelNode.current === document.activeElement) resultsTitleRef.current?.focus();
    cancelNode.current = node;
  }, []);

  const frameImage = useFrameImage({
    value: values.frameImage,
    maxBodyBytes: limits?.maxBodyBytes,
    onValueChange: (image) => {
      // Without an image, "like the image" has nothing to follow: back to an exact size.
      const followed = values.resolution !== undefined && values.width === undefined;
      const size = image === undefined && followed ? dimensionInputFor(dimensionSelectionFromInput({ resolution: values.resolution }), false) : {};
      form.setValues({ frameImage: image, ...size }, { touch: true });
    },
  });
  const hasFrameImage = values.frameImage !== undefined;
  const imageBlocks = frameImage.status === 'processing' || frameImage.status === 'invalid';

  // After a refused submit, focus goes to the first field that needs attention; from the
  // summary, to the field named. Settings inside the closed advanced section open it first.
  const [advancedOpen, setAdvancedOpen] = useState(false);
  useEffect(() => {
    if (!focusRequest) return;
    const form = formRef.current;
    const field = focusRequest.field && form?.querySelector(`[data-field~="${focusRequest.field}"]`);
    // In a field, the text box to fix first (a seed's, not its mode), else its first control.
    const target = field
      ? (field.querySelector<HTMLElement>('input[aria-invalid="true"], textarea[aria-invalid="true"]') ??
        field.querySelector<HTMLElement>('[aria-invalid="true"], textarea, input:not([type="hidden"]), button, [role="slider"]'))
      : form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-seedance-part="frame-image-picker"][data-invalid] button');
    target?.focus();
  }, [focusRequest]);
  const focusField = (field?: string) => {
    if (field && ADVANCED_FIELDS.includes(field)) setAdvancedOpen(true);
    setFocusRequest((previous) => ({ n: (previous?.n ?? 0) + 1, field }));
  };

  const submit = async () => {
    if (task.isActive) return;
    const sent = imageBlocks ? (form.markTouched('frameImage'), false) : await form.submit();
    if (!sent) focusField();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit();
  };

  const set = <K extends keyof GenerationInput>(field: K) => (value: GenerationInput[K] | undefined) => form.setValue(field, value, { touch: true });
  /** A control's value (the spec's default while unset), its setter and its visible error. */
  const bind = <K extends keyof GenerationInput>(field: K, fallback: GenerationInput[K]) => ({
    value: values[field] ?? fallback,
    onValueChange: set(field),
    error: visibleErrors[field],
  });
  const errorCount = Object.keys(visibleErrors).length + (frameImage.status === 'invalid' ? 1 : 0);
  const refused = form.submitCount > 0 && (!form.isValid || imageBlocks);
  const summary = refused ? [errorCount > 0 ? messages.invalidSummary(errorCount) : '', form.formError ?? ''].filter(Boolean).join(' ') : '';
  const sizeError = visibleErrors.width ?? visibleErrors.height ?? visibleErrors.resolution;
  // The summary names each setting that needs attention and takes the user to it.
  const imageError = frameImage.status === 'invalid' ? frameImage.error : visibleErrors.frameImage;
  const attention = refused
    ? [...new Map(
        [
          ['positivePrompt', visibleErrors.positivePrompt],
          ['frameImage', imageError],
          ['width', sizeError],
          ...(['duration', 'numberResults', 'seed', 'cameraFixed', 'outputFormat', 'outputQuality'] as const).map((field) => [field, visibleErrors[field]] as const),
          ['safetyMode', visibleErrors.safetyMode ?? visibleErrors.checkContent],
        ].filter((entry): entry is [string, string] => entry[1] !== undefined),
      )]
    : [];

  return (
    <section
      aria-labelledby={titleId}
      className={cx(!unstyled && 'seedance', className)}
      data-seedance-part="generator"
      data-state={task.status}
      data-theme={theme}
      {...props}
      ref={ref}
    >
      <Title id={titleId} data-seedance-part="generator-title">
        {messages.generatorTitle}
      </Title>
      <div data-seedance-part="generator-layout">
        <form
          ref={formRef}
          noValidate
          onSubmit={onSubmit}
          onFocus={preloadResultsView}
          onPointerDown={preloadResultsView}
          data-seedance-part="generator-form"
          data-invalid={flag(refused)}
        >
          <PromptField
            data-field="positivePrompt"
            value={values.positivePrompt}
            // Its error shows from the first blur (or a submit), not at the first keystroke.
            onValueChange={(prompt) => form.setValue('positivePrompt', prompt)}
            onBlur={() => form.markTouched('positivePrompt')}
            error={visibleErrors.positivePrompt ?? null}
            onSubmit={() => void submit()}
          />
          {hide.includes('frameImage') ? null : <FrameImagePicker data-field="frameImage" image={frameImage} error={visibleErrors.frameImage} limits={limits} />}
          <DimensionPicker
            data-field="width height resolution"
            value={dimensionSelectionFromInput(values)}
            hasFrameImage={hasFrameImage}
            limits={limits}
            error={sizeError}
            onValueChange={(selection) => form.setValues(dimensionInputFor(selection, hasFrameImage), { touch: true })}
          />
          <DurationSlider data-field="duration" {...bind('duration', spec.duration.default)} limits={limits} />
          <NumberResultsPicker data-field="numberResults" {...bind('numberResults', spec.numberResults.default)} limits={limits} />
          <AdvancedSettings hidden={hide.includes('advanced')} open={advancedOpen} onOpenChange={setAdvancedOpen}>
            <SeedField
              data-field="seed"
              value={values.seed ?? 'random'}
              // 'random' is sent as it is: the task controller draws it (core's drawSeed), once.
              onValueChange={(seed) => form.setValue('seed', seed)}
              onBlur={() => form.markTouched('seed')}
              error={visibleErrors.seed ?? null}
            />
            <CameraFixedSwitch data-field="cameraFixed" {...bind('cameraFixed', spec.cameraFixed.default)} />
            <OutputFormatPicker data-field="outputFormat" {...bind('outputFormat', spec.outputFormat.default)} limits={limits} />
            <OutputQualitySlider data-field="outputQuality" {...bind('outputQuality', spec.outputQuality.default)} />
            <SafetyPicker
              data-field="safetyMode checkContent"
              value={safetyModeOf(values)}
              onValueChange={(mode) => form.setValues(safetyInputFor(mode), { touch: true })}
              error={visibleErrors.safetyMode ?? visibleErrors.checkContent}
            />
          </AdvancedSettings>
          <p role="alert" data-seedance-part="generator-summary">
            {summary}
          </p>
          {attention.length > 0 ? (
            <ul data-seedance-part="generator-summary-list" aria-label={summary}>
              {attention.map(([field, message]) => (
                <li key={field}>
                  <button {...buttonProps('ghost')} onClick={() => focusField(field)}>
                    {message}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div data-seedance-part="generator-actions">
            <CostPreview estimate={form.costEstimate} limits={limits} />
            {task.isActive ? (
              <button
                {...buttonProps('secondary')}
                ref={cancelRef}
                onClick={() => {
                  generateRef.current?.focus();
                  void task.cancel();
                }}
              >
                {messages.cancel}
              </button>
            ) : null}
            <button
              {...buttonProps('primary')}
              ref={generateRef}
              type="submit"
              aria-disabled={task.isActive || undefined}
              data-busy={flag(task.isActive)}
              onClick={(event) => {
                // While a task runs, pressing Generate does nothing (it stays focusable, aria-disabled).
                if (task.isActive) event.preventDefault();
              }}
            >
              {task.isActive ? messages.submitBusy : messages.submit}
            </button>
          </div>
        </form>
        <div data-seedance-part="generator-results">
          <ResultsTitle ref={resultsTitleRef} tabIndex={-1} data-seedance-part="generator-results-title">
            {messages.resultsLabel}
          </ResultsTitle>
          {task.status === 'idle' ? (
            <div data-seedance-part="generator-empty" style={shapeStyle(aspectRatioOf(values))}>
              {messages.resultsEmpty}
            </div>
          ) : (
            <Suspense fallback={<div data-seedance-part="generator-empty" aria-busy="true" style={shapeStyle(aspectRatioOf(task.state.input ?? values))} />}>
              <VideoResultGrid
                status={task.status}
                results={task.results}
                numberResults={task.numberResults}
                progress={task.progress}
                estimatedProgress={task.estimatedProgress}
                error={task.error}
                input={task.state.input}
                onRetry={() => {
                  resultsTitleRef.current?.focus();
                  void task.retry();
                }}
              />
            </Suspense>
          )}
          {isTerminal(task.status) ? (
            <button
              {...buttonProps('ghost')}
              onClick={() => {
                generateRef.current?.focus();
                task.reset();
              }}
            >
              {messages.startOver}
            </button>
          ) : null}
          <TaskStatusAnnouncer
            status={task.status}
            progress={task.progress}
            resultCount={task.results.length}
            numberResults={task.numberResults}
            error={task.error}
          />
        </div>
      </div>
    </section>
  );
});
