export {
  DimensionPicker,
  DimensionPickerAspectRatio,
  DimensionPickerResolution,
  DimensionPickerRoot,
  DimensionPickerValue,
  type DimensionPickerProps,
  type DimensionPickerRootProps,
  type DimensionPickerValueProps,
} from './dimension-picker.js';
export {
  dimensionInputFor,
  dimensionSelectionFromInput,
  type AspectRatioChoice,
  type DimensionSelection,
} from './dimension-selection.js';
