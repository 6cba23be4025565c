'use client';
import { seedanceProFast, type GenerationInput, type SafetyMode } from '@seedance-kit/core';
import { createChoicePicker, type ChoicePickerGroupProps, type ChoicePickerRootProps } from '../internal/create-choice-picker.js';

const { modes, defaultMode, checkContentMode } = seedanceProFast.safety;

export type SafetyPickerProps = ChoicePickerRootProps<SafetyMode, undefined>;
export type SafetyPickerGroupProps = ChoicePickerGroupProps;

/** The content check: the spec's safety modes (off, fast, full), each with what it checks. */
export const [SafetyPicker, SafetyPickerRoot, SafetyPickerGroup] = createChoicePicker<SafetyMode, undefined>({
  name: 'SafetyPicker',
  part: 'safety-picker',
  values: modes,
  allowed: () => modes,
  defaultValue: defaultMode,
  label: (m) => m.safetyLabel,
  choiceLabel: (m, mode) => m.safetyModeName(mode),
  choiceDescription: (m, mode) => m.safetyModeDescription(mode),
});


/**
 * The mode a generation's safety fields give, by the spec's rules: `safetyMode` wins; else
 * `checkContent: true` means the spec's check-content mode; else the default (off).
 */
export function safetyModeOf(input: Pick<GenerationInput, 'checkContent' | 'safetyMode'>): SafetyMode {
  if (input.safetyMode !== undefined) return input.safetyMode;
  return input.checkContent ? checkContentMode : defaultMode;
}

/** The safety fields for a mode: nothing for the default, else the check turned on with the mode. */
export function safetyInputFor(mode: SafetyMode): Pick<GenerationInput, 'checkContent' | 'safetyMode'> {
  if (mode === defaultMode) return { checkContent: undefined, safetyMode: undefined };
  return { checkContent: true, safetyMode: mode };
}
