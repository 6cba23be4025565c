export {
  OutputFormatPicker,
  OutputFormatPickerGroup,
  OutputFormatPickerRoot,
  type OutputFormatPickerGroupProps,
  type OutputFormatPickerProps,
} from './output-format-picker.js';
export {
  OutputQualitySlider,
  OutputQualitySliderControl,
  OutputQualitySliderRoot,
  OutputQualitySliderValue,
  type OutputQualitySliderControlProps,
  type OutputQualitySliderProps,
  type OutputQualitySliderRootProps,
  type OutputQualitySliderValueProps,
} from './output-quality-slider.js';
