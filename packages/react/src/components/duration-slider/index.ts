export {
  DurationSlider,
  DurationSliderControl,
  DurationSliderFrames,
  DurationSliderRoot,
  DurationSliderValue,
  type DurationSliderControlProps,
  type DurationSliderFramesProps,
  type DurationSliderProps,
  type DurationSliderRootProps,
  type DurationSliderValueProps,
} from './duration-slider.js';
