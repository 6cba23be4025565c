// Frame images checked locally: form, type, byte size and sides from the headers. Browser-safe:
// no Node built-ins, base64 read with atob.
export { base64ByteLength, decodeBase64Prefix, decodeBase64Range, isBase64 } from './base64.js';
export { classifyImageInput, normalizeImageMediaType, type ImageInput, type ImageInputForm } from './classify-image-input.js';
export {
  frameImageSideIssues,
  inspectFrameImage,
  inspectImageBytes,
  type FrameImageInspection,
  type FrameImageIssue,
  type FrameImageIssueCode,
  type InvalidImageReason,
} from './inspect-frame-image.js';
export { sniffImage, type ImageType, type OtherImageType, type SniffedImage } from './sniff-image.js';
