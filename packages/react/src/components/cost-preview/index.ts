export {
  CostPreview,
  CostPreviewLabel,
  CostPreviewNote,
  CostPreviewRoot,
  CostPreviewValue,
  type CostInput,
  type CostPreviewProps,
  type CostPreviewRootProps,
  type CostPreviewTextProps,
} from './cost-preview.js';
