// Frame images checked locally: form, type, byte size and sides from the headers. Browser-safe:
// no Node built-ins, base64 read with atob.
export { classifyImageInput, type ImageInput, type ImageInputForm } from './classify-image-input.js';
export {
  frameImageSideIssues,
  inspectFrameImage,
  inspectImageBytes,
  type FrameImageInspection,
  type FrameImageIssue,
  type FrameImageIssueCode,
} from './inspect-frame-image.js';
export { sniffImage, type ImageType, type OtherImageType, type SniffedImage } from './sniff-image.js';
