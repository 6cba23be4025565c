export {
  NumberResultsPicker,
  NumberResultsPickerGroup,
  NumberResultsPickerRoot,
  type NumberResultsPickerGroupProps,
  type NumberResultsPickerProps,
} from './number-results-picker.js';
