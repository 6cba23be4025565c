export {
  FrameImagePicker,
  FrameImagePickerBrowse,
  FrameImagePickerDropzone,
  FrameImagePickerInfo,
  FrameImagePickerPreview,
  FrameImagePickerRemove,
  FrameImagePickerRoot,
  FrameImagePickerStatus,
  FrameImagePickerUrl,
  type FrameImagePickerBrowseProps,
  type FrameImagePickerDropzoneProps,
  type FrameImagePickerInfoProps,
  type FrameImagePickerPreviewProps,
  type FrameImagePickerProps,
  type FrameImagePickerRemoveProps,
  type FrameImagePickerRootProps,
  type FrameImagePickerStatusProps,
  type FrameImagePickerUrlProps,
} from './frame-image-picker.js';
export { prepareFrameImage, type PrepareFrameImageOptions, type PreparedFrameImage } from '../../lib/prepare-frame-image.js';
export { useFrameImage, type FrameImageStatus, type UseFrameImageOptions, type UseFrameImageResult } from '../../hooks/use-frame-image.js';
