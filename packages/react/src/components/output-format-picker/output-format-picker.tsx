'use client';
import { seedanceProFast, type OutputFormat } from '@seedance-kit/core';
import { createChoicePicker, type ChoicePickerGroupProps, type ChoicePickerRootProps } from '../internal/create-choice-picker.js';
import { narrowList, type LimitsProp } from '../internal/narrow.js';

const { values, default: defaultValue } = seedanceProFast.outputFormat;

export type OutputFormatPickerProps = ChoicePickerRootProps<OutputFormat, LimitsProp<'outputFormats'>>;
export type OutputFormatPickerGroupProps = ChoicePickerGroupProps;

/** The container format: the spec's list, narrowed by the server's limits. */
export const [OutputFormatPicker, OutputFormatPickerRoot, OutputFormatPickerGroup] = createChoicePicker<OutputFormat, LimitsProp<'outputFormats'>>({
  name: 'OutputFormatPicker',
  part: 'output-format-picker',
  values,
  allowed: (limits) => narrowList(values, limits?.outputFormats),
  defaultValue,
  label: (m) => m.outputFormatLabel,
  choiceLabel: (m, format) => m.outputFormatName(format),
  choiceDescription: (m, format) => m.outputFormatDescription(format),
});

