export {
  CameraFixedSwitch,
  CameraFixedSwitchControl,
  CameraFixedSwitchRoot,
  type CameraFixedSwitchControlProps,
  type CameraFixedSwitchProps,
  type CameraFixedSwitchRootProps,
} from './camera-fixed-switch.js';
