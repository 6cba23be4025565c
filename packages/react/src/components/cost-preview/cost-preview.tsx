'use client';
import { estimateGenerationCost, type CostEstimate, type CostRate, type GenerationInput } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { forwardRef, useId, useMemo, type ComponentPropsWithoutRef } from 'react';
import type { SeedanceMessages } from '../../messages.js';
import { flag, withParts } from '../internal/compose.js';
import { createPartContext, textPart, useShallowMemo, type Part } from '../internal/field.js';
import type { LimitsProp } from '../internal/narrow.js';

export type CostInput = Pick<GenerationInput, 'width' | 'height' | 'resolution' | 'duration' | 'numberResults' | 'frameImage'>;

interface CostContextValue {
  readonly estimate: CostEstimate;
  readonly cap: number | null;
  readonly over: boolean;
  readonly labelId: string;
}
const [CostProvider, useCost] = createPartContext<CostContextValue>('CostPreview');

export interface CostPreviewRootProps extends ComponentPropsWithoutRef<'div'> {
  /** The settings to estimate (defaults filled from the spec). Ignored when `estimate` is given. */
  readonly input?: CostInput;
  /** A ready estimate, e.g. `useGenerationForm().costEstimate`. */
  readonly estimate?: CostEstimate;
  /** A price other than the spec's. */
  readonly rate?: CostRate;
  /** The server's `/limits` (or its `maxTaskCostUsd`): an estimate above it is flagged. */
  readonly limits?: LimitsProp<'maxTaskCostUsd'>;
  readonly asChild?: boolean;
}

/**
 * What a generation will probably cost, always labelled as an estimate (the provider's charged
 * cost shows on each result). A range when the size follows a frame image. `data-state` is
 * `within` or `over` the server's per-task cap.
 */
export const CostPreviewRoot = forwardRef<HTMLDivElement, CostPreviewRootProps>(function CostPreviewRoot(
  { input, estimate: estimateProp, rate, limits, asChild, ...props },
  ref,
) {
  const labelId = `seedance-cost-${useId().replace(/:/g, '')}`;
  const estimate = useMemo(() => estimateProp ?? estimateGenerationCost(input ?? {}, { rate }), [estimateProp, input, rate]);
  const cap = limits?.maxTaskCostUsd ?? null;
  const over = cap !== null && estimate.estimatedUsd > cap;
  const context = useShallowMemo({ estimate, cap, over, labelId });
  const Comp = asChild ? Slot.Root : 'div';
  return (
    <CostProvider value={context}>
      <Comp
        role="group"
        aria-labelledby={labelId}
        data-seedance-part="cost-preview"
        data-state={over ? 'over' : 'within'}
        data-invalid={flag(over)}
        {...props}
        ref={ref}
      />
    </CostProvider>
  );
});

export interface CostPreviewTextProps extends ComponentPropsWithoutRef<'span'> {
  readonly asChild?: boolean;
}

const costPart = (
  name: string,
  part: string,
  render: (cost: CostContextValue, messages: SeedanceMessages) => readonly [string, Record<string, unknown>?],
): Part<CostPreviewTextProps, HTMLSpanElement> => textPart<CostContextValue, HTMLSpanElement, 'span'>(useCost, name, 'span', part, render);

/** "Estimated cost". */
export const CostPreviewLabel = costPart('Label', 'cost-label', (cost, messages) => [messages.costLabel, { id: cost.labelId }]);

/** The figure, e.g. "≈ $0.0318", or a range. */
export const CostPreviewValue = costPart('Value', 'cost-value', ({ estimate }, messages) => [messages.costValue(estimate), { 'data-usd': estimate.estimatedUsd }]);

/** Says it is an estimate, or that it is over the server's cap (announced politely). */
export const CostPreviewNote = costPart('Note', 'cost-note', ({ over, cap }, messages) => [
  over && cap !== null ? messages.costOverCap(cap) : messages.costNote,
  { 'aria-live': 'polite', 'data-state': over ? 'over' : 'within' },
]);

export type CostPreviewProps = CostPreviewRootProps;

/** The assembled component, without its parts attached (what the widget renders). */
const CostPreviewAssembled = forwardRef<HTMLDivElement, CostPreviewProps>(function CostPreview(props, ref) {
  return (
    <CostPreviewRoot {...props} ref={ref}>
      <CostPreviewLabel />
      <CostPreviewValue />
      <CostPreviewNote />
    </CostPreviewRoot>
  );
});

export const CostPreview = withParts(CostPreviewAssembled, {
  Root: CostPreviewRoot,
  Label: CostPreviewLabel,
  Value: CostPreviewValue,
  Note: CostPreviewNote,
});
