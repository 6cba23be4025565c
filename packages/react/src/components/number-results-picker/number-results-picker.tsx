'use client';
import { seedanceProFast } from '@seedance-kit/core';
import { createChoicePicker, type ChoicePickerGroupProps, type ChoicePickerRootProps } from '../internal/create-choice-picker.js';
import { narrowRange, type LimitsProp } from '../internal/narrow.js';

const { min, max, default: defaultValue } = seedanceProFast.numberResults;
const VALUES: readonly number[] = Array.from({ length: max - min + 1 }, (_, i) => min + i);

export type NumberResultsPickerProps = ChoicePickerRootProps<number, LimitsProp<'numberResults'>>;
export type NumberResultsPickerGroupProps = ChoicePickerGroupProps;

/** How many videos one generation makes: the spec's range, narrowed by the server's limits. */
export const [NumberResultsPicker, NumberResultsPickerRoot, NumberResultsPickerGroup] = createChoicePicker<number, LimitsProp<'numberResults'>>({
  name: 'NumberResultsPicker',
  part: 'number-results-picker',
  values: VALUES,
  allowed: (limits) => {
    const range = narrowRange(seedanceProFast.numberResults, limits?.numberResults);
    return VALUES.filter((n) => n >= range.min && n <= range.max);
  },
  defaultValue,
  label: (m) => m.numberResultsLabel,
  choiceLabel: (m, count) => m.numberResultsOption(count),
});

