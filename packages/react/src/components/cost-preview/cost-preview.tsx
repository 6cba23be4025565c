'use client';
import { estimateGenerationCost, type CostEstimate, type CostRate, type GenerationInput } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { createContext, forwardRef, useContext, useId, useMemo, type ComponentPropsWithoutRef } from 'react';
import { flag } from '../internal/compose.js';
import type { LimitsProp } from '../internal/narrow.js';
import { useSeedanceMessages } from '../messages-provider/messages-provider.js';

export type CostInput = Pick<GenerationInput, 'width' | 'height' | 'resolution' | 'duration' | 'numberResults' | 'frameImage'>;

interface CostContextValue {
  readonly estimate: CostEstimate;
  readonly cap: number | null;
  readonly over: boolean;
  readonly labelId: string;
}
const CostContext = createContext<CostContextValue | null>(null);
const useCost = (part: string) => {
  const context = useContext(CostContext);
  if (!context) throw new Error(`<CostPreview.${part}> must be inside <CostPreview.Root>.`);
  return context;
};

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
  const estimate = useMemo(() => estimateProp ?? estimateGenerationCost(input ?? {}, rate ? { rate } : {}), [estimateProp, input, rate]);
  const cap = limits?.maxTaskCostUsd ?? null;
  const over = cap !== null && estimate.estimatedUsd > cap;
  const context = useMemo(() => ({ estimate, cap, over, labelId }), [estimate, cap, over, labelId]);
  const Comp = asChild ? Slot.Root : 'div';
  return (
    <CostContext.Provider value={context}>
      <Comp
        role="group"
        aria-labelledby={labelId}
        data-seedance-part="cost-preview"
        data-state={over ? 'over' : 'within'}
        data-invalid={flag(over)}
        {...props}
        ref={ref}
      />
    </CostContext.Provider>
  );
});

export interface CostPreviewTextProps extends ComponentPropsWithoutRef<'span'> {
  readonly asChild?: boolean;
}

/** "Estimated cost". */
export const CostPreviewLabel = forwardRef<HTMLSpanElement, CostPreviewTextProps>(function CostPreviewLabel({ asChild, children, ...props }, ref) {
  const cost = useCost('Label');
  const messages = useSeedanceMessages();
  const Comp = asChild ? Slot.Root : 'span';
  return (
    <Comp id={cost.labelId} data-seedance-part="cost-label" {...props} ref={ref}>
      {children ?? messages.costLabel}
    </Comp>
  );
});

/** The figure, e.g. "≈ $0.0318", or a range. */
export const CostPreviewValue = forwardRef<HTMLSpanElement, CostPreviewTextProps>(function CostPreviewValue({ asChild, children, ...props }, ref) {
  const cost = useCost('Value');
  const messages = useSeedanceMessages();
  const Comp = asChild ? Slot.Root : 'span';
  return (
    <Comp data-seedance-part="cost-value" data-usd={cost.estimate.estimatedUsd} {...props} ref={ref}>
      {children ?? messages.costValue(cost.estimate)}
    </Comp>
  );
});

/** Says it is an estimate, or that it is over the server's cap (announced politely). */
export const CostPreviewNote = forwardRef<HTMLSpanElement, CostPreviewTextProps>(function CostPreviewNote({ asChild, children, ...props }, ref) {
  const cost = useCost('Note');
  const messages = useSeedanceMessages();
  const Comp = asChild ? Slot.Root : 'span';
  return (
    <Comp aria-live="polite" data-seedance-part="cost-note" data-state={cost.over ? 'over' : 'within'} {...props} ref={ref}>
      {children ?? (cost.over && cost.cap !== null ? messages.costOverCap(cost.cap) : messages.costNote)}
    </Comp>
  );
});

export type CostPreviewProps = CostPreviewRootProps;

const CostPreviewAssembled = forwardRef<HTMLDivElement, CostPreviewProps>(function CostPreview(props, ref) {
  return (
    <CostPreviewRoot {...props} ref={ref}>
      <CostPreviewLabel />
      <CostPreviewValue />
      <CostPreviewNote />
    </CostPreviewRoot>
  );
});

export const CostPreview = Object.assign(CostPreviewAssembled, {
  Root: CostPreviewRoot,
  Label: CostPreviewLabel,
  Value: CostPreviewValue,
  Note: CostPreviewNote,
});
