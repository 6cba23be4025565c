/**
 * Seedance 1.0 Pro Fast on Runware, as data. Every range, list and default in the kit (schemas,
 * validation, the request builder, server policy, UI controls, docs) is read from this object.
 */

export const RESOLUTIONS = ['480p', '1080p'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const ASPECT_RATIOS = ['16:9', '4:3', '1:1', '3:4', '9:16', '9:21', '21:9'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const OUTPUT_FORMATS = ['MP4', 'WEBM', 'MOV'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const OUTPUT_TYPES = ['URL'] as const;
export type OutputType = (typeof OUTPUT_TYPES)[number];

export const SAFETY_MODES = ['none', 'fast', 'full'] as const;
export type SafetyMode = (typeof SAFETY_MODES)[number];

export const FRAME_POSITIONS = ['first'] as const;
export type FramePosition = (typeof FRAME_POSITIONS)[number];

export const FRAME_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type FrameImageType = (typeof FRAME_IMAGE_TYPES)[number];

export interface Dimensions {
  readonly width: number;
  readonly height: number;
  readonly aspectRatio: AspectRatio;
  readonly resolution: Resolution;
}

export interface NumberRange {
  readonly min: number;
  readonly max: number;
}

/** The shape every model spec in the kit follows. */
export interface VideoModelSpec {
  readonly name: string;
  readonly taskType: 'videoInference';
  readonly model: string;
  readonly fps: number;
  readonly positivePrompt: { readonly minLength: number; readonly maxLength: number };
  readonly dimensions: readonly Dimensions[];
  readonly defaultDimensions: { readonly width: number; readonly height: number };
  readonly resolutions: readonly Resolution[];
  readonly aspectRatios: readonly AspectRatio[];
  readonly duration: NumberRange & { readonly step: number; readonly default: number };
  readonly numberResults: NumberRange & { readonly default: number };
  readonly outputType: { readonly values: readonly OutputType[]; readonly default: OutputType };
  readonly outputFormat: { readonly values: readonly OutputFormat[]; readonly default: OutputFormat };
  readonly outputQuality: NumberRange & { readonly default: number };
  readonly deliveryMethod: { readonly values: readonly ['async']; readonly default: 'async' };
  readonly safety: {
    readonly modes: readonly SafetyMode[];
    readonly defaultMode: SafetyMode;
    /** The mode that `checkContent: true` turns on when no mode is given. */
    readonly checkContentMode: SafetyMode;
  };
  readonly ttl: { readonly min: number };
  /** int64 bounds as bigint; a missing seed is drawn by the provider in the uint32 range. */
  readonly seed: { readonly min: bigint; readonly max: bigint; readonly randomMax: number };
  readonly cameraFixed: { readonly default: boolean };
  readonly frameImages: {
    readonly maxItems: number;
    readonly positions: readonly FramePosition[];
    readonly types: readonly FrameImageType[];
    readonly minSide: number;
    readonly maxSide: number;
    readonly maxBytes: number;
  };
  /**
   * USD per million tokens, tokens = width × height × fps × duration / tokenPixels. A price, not
   * a law: the cost estimate takes an override.
   */
  readonly price: { readonly usdPerMillionTokens: number; readonly tokenPixels: number };
}

const dims = (
  resolution: Resolution,
  pairs: readonly (readonly [AspectRatio, number, number])[],
): Dimensions[] => pairs.map(([aspectRatio, width, height]) => ({ width, height, aspectRatio, resolution }));

export const seedanceProFast = {
  name: 'Seedance 1.0 Pro Fast',
  taskType: 'videoInference',
  model: 'bytedance:2@2',
  fps: 24,
  positivePrompt: { minLength: 2, maxLength: 3000 },
  dimensions: [
    ...dims('480p', [
      ['16:9', 864, 480],
      ['4:3', 736, 544],
      ['1:1', 640, 640],
      ['3:4', 544, 736],
      ['9:16', 480, 864],
      ['9:21', 416, 960],
      ['21:9', 960, 416],
    ]),
    ...dims('1080p', [
      ['16:9', 1920, 1088],
      ['4:3', 1664, 1248],
      ['1:1', 1440, 1440],
      ['3:4', 1248, 1664],
      ['9:16', 1088, 1920],
      ['9:21', 928, 2176],
      ['21:9', 2176, 928],
    ]),
  ],
  defaultDimensions: { width: 864, height: 480 },
  resolutions: RESOLUTIONS,
  aspectRatios: ASPECT_RATIOS,
  duration: { min: 1.2, max: 12, step: 0.1, default: 5 },
  numberResults: { min: 1, max: 4, default: 1 },
  outputType: { values: OUTPUT_TYPES, default: 'URL' },
  outputFormat: { values: OUTPUT_FORMATS, default: 'MP4' },
  outputQuality: { min: 20, max: 99, default: 95 },
  deliveryMethod: { values: ['async'], default: 'async' },
  safety: { modes: SAFETY_MODES, defaultMode: 'none', checkContentMode: 'fast' },
  ttl: { min: 60 },
  seed: { min: 0n, max: 9223372036854775807n, randomMax: 4294967295 },
  cameraFixed: { default: false },
  frameImages: {
    maxItems: 1,
    positions: FRAME_POSITIONS,
    types: FRAME_IMAGE_TYPES,
    minSide: 300,
    maxSide: 6000,
    // "10 MB" read as 10,000,000 bytes: the stricter reading never lets through a file the
    // provider could refuse.
    maxBytes: 10_000_000,
  },
  price: { usdPerMillionTokens: 0.6535, tokenPixels: 1024 },
} as const satisfies VideoModelSpec;

export type SeedanceProFastSpec = typeof seedanceProFast;

/** Fields of a Runware task that only the server decides; a browser body must not carry them. */
export const SERVER_ONLY_FIELDS = [
  'taskType',
  'taskUUID',
  'model',
  'webhookURL',
  'uploadEndpoint',
  'ttl',
  'includeCost',
  'deliveryMethod',
  'outputType',
] as const;
export type ServerOnlyField = (typeof SERVER_ONLY_FIELDS)[number];

/** The supported pair with these sides, if any. */
export function findDimensions(width: number, height: number, spec: VideoModelSpec = seedanceProFast): Dimensions | undefined {
  return spec.dimensions.find((d) => d.width === width && d.height === height);
}

/** The pair for a tier and aspect ratio. */
export function dimensionsFor(
  resolution: Resolution,
  aspectRatio: AspectRatio,
  spec: VideoModelSpec = seedanceProFast,
): Dimensions | undefined {
  return spec.dimensions.find((d) => d.resolution === resolution && d.aspectRatio === aspectRatio);
}

/** Frames the model renders for a duration: duration × fps, rounded to whole frames. */
export function frameCount(durationSeconds: number, spec: VideoModelSpec = seedanceProFast): number {
  return Math.round(durationSeconds * spec.fps);
}
