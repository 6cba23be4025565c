/**
 * Spanish (Spain) for every string the kit shows or speaks, validation issues included:
 * `<SeedanceProvider messages={esMessages}>`. `satisfies SeedanceMessages` makes a missing or
 * unknown key a type error when the English set changes. Nothing runs at import (the formatters
 * are marked pure), so an app that does not import it does not ship it.
 */
import type { IssueMessageFormatter, IssueParams, OutputFormat, SafetyMode, SeedanceErrorKind, TaskStatus, ValidationCode } from '@seedance-kit/core';
import type { SeedanceMessages } from '../messages.js';

const usd = /* @__PURE__ */ new Intl.NumberFormat('es-ES', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const decimal = /* @__PURE__ */ new Intl.NumberFormat('es-ES', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const time = /* @__PURE__ */ new Intl.DateTimeFormat('es-ES', { hour: 'numeric', minute: '2-digit' });
const mb = (bytes: number) => `${decimal.format(Math.round((bytes / 1_000_000) * 10) / 10)} MB`;
const size = (bytes: number) => (bytes < 1_000_000 ? `${Math.max(1, Math.round(bytes / 1000))} KB` : mb(bytes));

const STATUS: Readonly<Record<TaskStatus, string>> = {
  idle: 'Sin empezar',
  submitting: 'Enviando',
  queued: 'En cola',
  processing: 'Generando',
  succeeded: 'Listo',
  failed: 'Ha fallado',
  cancelled: 'Cancelado',
  expired: 'Caducado',
};

const ERRORS: Readonly<Record<SeedanceErrorKind, string>> = {
  validation: 'Algunos ajustes no son válidos. Revisa los campos marcados.',
  auth: 'El servicio de vídeo ha rechazado las credenciales del servidor. Pide al responsable del sitio que revise la clave de API.',
  credits: 'La cuenta del servicio de vídeo se ha quedado sin créditos.',
  moderation: 'La política de contenidos ha bloqueado el texto o la imagen. Prueba con otras palabras u otra imagen.',
  rate_limit: 'Hay demasiadas solicitudes ahora mismo. Espera un momento y vuelve a intentarlo.',
  policy: 'Esta solicitud supera un límite fijado por este sitio.',
  provider: 'El servicio de vídeo no ha podido crear este vídeo. Puede funcionar si lo intentas de nuevo.',
  timeout: 'El vídeo ha tardado demasiado en llegar. Puede funcionar si lo intentas de nuevo.',
  network: 'No se ha podido conectar con el servidor. Comprueba la conexión y vuelve a intentarlo.',
  not_found: 'No se ha encontrado esta tarea de vídeo o ha caducado.',
  unknown: 'Algo ha salido mal. Vuelve a intentarlo.',
};

const FORMATS: Readonly<Record<OutputFormat, string>> = {
  MP4: 'H.264, se reproduce en todas partes',
  WEBM: 'VP9, para la web',
  MOV: 'QuickTime, para editar',
};

const SAFETY_NAMES: Readonly<Record<SafetyMode, string>> = { none: 'Desactivada', fast: 'Rápida', full: 'Completa' };
const SAFETY_DESCRIPTIONS: Readonly<Record<SafetyMode, string>> = {
  none: 'Sin revisión de contenido',
  fast: 'Revisa el primer fotograma, el central y el último',
  full: 'Revisa todos los fotogramas',
};

/** Field names inside validation messages, by core's field paths. */
const FIELDS: Readonly<Record<string, string>> = {
  positivePrompt: 'La descripción',
  width: 'El ancho',
  height: 'El alto',
  resolution: 'La resolución',
  duration: 'La duración',
  seed: 'La semilla',
  numberResults: 'El número de vídeos',
  outputFormat: 'El formato',
  outputQuality: 'La calidad',
  cameraFixed: 'La cámara fija',
  frameImage: 'La imagen del primer fotograma',
  checkContent: 'La revisión de contenido',
  safetyMode: 'El modo de seguridad',
  ttl: 'El tiempo de vida',
  webhookURL: 'La URL del webhook',
  uploadEndpoint: 'El destino de subida',
};
const field = (path: string) => FIELDS[path] ?? `«${path}»`;

/** Core's validation issues in Spanish, one template per code (the record makes a new code a type error). */
const ISSUES: Readonly<Record<ValidationCode, (path: string, p: IssueParams) => string>> = {
  required: (f) => `${field(f)} es obligatorio.`,
  invalid_type: (f) => `${field(f)} no tiene un valor válido.`,
  too_small: (f, p) => `${field(f)} debe ser como mínimo ${p.min}${p.unit ?? ''}.`,
  too_big: (f, p) => `${field(f)} debe ser como máximo ${p.max}${p.unit ?? ''}.`,
  too_short: (f, p) => `${field(f)} debe tener al menos ${p.min} caracteres (ahora ${p.length}).`,
  too_long: (f, p) => `${field(f)} debe tener como máximo ${p.max} caracteres (ahora ${p.length}).`,
  blank: (f) => `${field(f)} no puede ser solo espacios o caracteres invisibles.`,
  not_integer: (f) => `${field(f)} debe ser un número entero.`,
  unsafe_integer: (f) => `${field(f)} es demasiado grande para ser exacto como número: escríbelo como texto.`,
  not_step: (f, p) => `${field(f)} debe ir en pasos de ${p.step}${p.unit ?? ''}.`,
  invalid_value: (f, p) => `${field(f)} debe ser uno de: ${p.allowed}.`,
  unknown_field: (f) => `«${f}» no es un ajuste de este modelo.`,
  server_only: (f) => `«${f}» lo decide el servidor y no se puede enviar.`,
  incomplete_pair: (f, p) => `${field(f)} es obligatorio cuando se indica ${field(String(p.other)).toLowerCase()}.`,
  unsupported_dimensions: (_f, p) => `${p.width}×${p.height} no es un tamaño admitido. Admitidos: ${p.allowed}.`,
  resolution_with_dimensions: () => 'Elige una resolución predefinida o un ancho y un alto, no ambas cosas.',
  size_required: () => 'Elige un tamaño: un ancho y un alto, una resolución predefinida o una imagen del primer fotograma.',
  ttl_requires_url: () => 'El tiempo de vida solo se aplica cuando la salida es una URL.',
  invalid_image: (f) => `${field(f)} debe ser el UUID de una imagen, una URL http(s), un data URI o datos de imagen en base64.`,
  image_type: (f, p) => `${field(f)} debe ser PNG, JPEG o WEBP${p.actual ? ` (es ${p.actual})` : ''}.`,
  image_too_large: (f, p) => `${field(f)} debe ocupar como máximo ${mb(Number(p.max ?? 0))} (esta ocupa ${mb(Number(p.actual ?? 0))}).`,
  image_too_small_sides: (f, p) => `Los lados de ${field(f).toLowerCase()} deben medir al menos ${p.min} px (esta mide ${p.width}×${p.height}).`,
  image_too_large_sides: (f, p) => `Los lados de ${field(f).toLowerCase()} deben medir como máximo ${p.max} px (esta mide ${p.width}×${p.height}).`,
  invalid_json: () => 'El cuerpo de la solicitud no es JSON válido.',
};
const formatIssue: IssueMessageFormatter = (code, path, params) => ISSUES[code](path, params);

export const esMessages = {
  formatUsd: (value) => usd.format(value),
  formatSeconds: (value) => `${decimal.format(value)} s`,
  formatBytes: size,
  formatTime: (date) => time.format(date),
  formatIssue,
  // By kind: the server's own message is in English.
  errorMessage: (error) => ERRORS[error.kind],
  optional: '(opcional)',

  promptLabel: 'Descripción',
  promptDescription: 'Describe la escena: sujeto, acción, lugar, luz y cámara.',
  promptPlaceholder: 'Una bailaora de flamenco en una azotea a la luz de la luna, la cámara gira despacio a su alrededor',
  promptCounter: (count, max) => `${count} / ${max}`,
  promptCounterLabel: (count, max) => `${count} de ${max} caracteres usados`,
  promptSubmitHint: 'Ctrl+Intro o ⌘+Intro genera el vídeo.',

  frameImageLabel: 'Imagen del primer fotograma',
  frameImageDescription: ({ types, minSide, maxSide, maxBytes }) =>
    `${types.join(', ')}; lados de ${minSide} a ${maxSide} px; hasta ${mb(maxBytes)}. Las fotos grandes se reducen antes.`,
  frameImageDrop: 'Suelta o pega una imagen aquí, o',
  frameImageDropActive: 'Suelta la imagen para usarla',
  frameImageBrowse: 'Elige un archivo',
  frameImageUrlLabel: 'URL de la imagen',
  frameImageUrlPlaceholder: 'https://example.com/fotograma.jpg',
  frameImageUrlApply: 'Usar la URL',
  frameImageRemove: 'Quitar la imagen',
  frameImagePreviewAlt: 'Vista previa del primer fotograma',
  frameImageProcessing: 'Preparando la imagen…',
  frameImageInfo: (width, height, bytes) =>
    [width !== undefined && height !== undefined ? `${width}×${height} px` : undefined, bytes !== undefined ? size(bytes) : undefined].filter(Boolean).join(', '),
  frameImageResized: (fromWidth, fromHeight, width, height) => `Reducida de ${fromWidth}×${fromHeight} a ${width}×${height} px.`,
  frameImageUnreadable: 'Este archivo no se ha podido leer como imagen.',
  frameImageUrlUnreachable: 'La imagen de esta URL no se ha podido cargar aquí. El servidor lo intentará al generar.',
  frameImageOneOnly: 'Solo se puede usar una imagen; se ha tomado la primera.',

  durationLabel: 'Duración',
  durationFrames: (frames, fps) => `${frames} fotogramas a ${fps} fps`,
  durationValueText: (value, frames) => `${decimal.format(value)} segundos, ${frames} fotogramas`,

  dimensionsLabel: 'Tamaño',
  resolutionLabel: 'Resolución',
  aspectRatioLabel: 'Relación de aspecto',
  resolutionName: (resolution) => resolution,
  aspectRatioName: (aspectRatio) => aspectRatio,
  dimensionsValue: (width, height) => `${width}×${height}`,
  fromFrameImage: 'Como la imagen',
  fromFrameImageDescription: 'La relación de aspecto sigue a la imagen del primer fotograma.',

  seedLabel: 'Semilla',
  seedDescription: 'La misma semilla con los mismos ajustes da un vídeo parecido.',
  seedRandom: 'Aleatoria',
  seedFixed: 'Fija',
  seedInputLabel: 'Valor de la semilla',
  seedPickRandom: 'Elegir una semilla al azar',

  cameraFixedLabel: 'Cámara fija',
  cameraFixedDescription: 'Sin paneo, inclinación ni zoom.',

  numberResultsLabel: 'Número de vídeos',
  numberResultsOption: (count) => String(count),

  outputFormatLabel: 'Formato',
  outputFormatName: (format) => format,
  outputFormatDescription: (format) => FORMATS[format],
  outputQualityLabel: 'Calidad',
  outputQualityDescription: 'Más alta es más nítida y más pesada.',

  safetyLabel: 'Revisión de contenido',
  safetyModeName: (mode) => SAFETY_NAMES[mode],
  safetyModeDescription: (mode) => SAFETY_DESCRIPTIONS[mode],

  advancedSettings: 'Ajustes avanzados',

  costLabel: 'Coste estimado',
  costValue: (cost) =>
    cost.sizeKnown || cost.minUsd === cost.maxUsd ? `≈ ${usd.format(cost.estimatedUsd)}` : `≈ ${usd.format(cost.minUsd)}–${usd.format(cost.maxUsd)}`,
  costNote: 'Es una estimación. El coste cobrado aparece en cada vídeo.',
  costOverCap: (maxUsd) => `Supera el límite de este sitio de ${usd.format(maxUsd)} por generación.`,

  statusName: (status) => STATUS[status],
  progressLabel: 'Progreso',
  progressValue: (percent, estimated) => (estimated ? `Aprox. ${Math.round(percent)} %` : `${Math.round(percent)} %`),
  resultsLabel: 'Vídeos',
  resultLabel: (index, total) => (total > 1 ? `Vídeo ${index + 1} de ${total}` : 'Vídeo'),
  resultPending: (index, total) => (total > 1 ? `El vídeo ${index + 1} de ${total} está en camino` : 'El vídeo está en camino'),
  resultSeed: (seed) => `Semilla ${seed}`,
  resultCost: (value) => `Coste ${usd.format(value)}`,
  resultDownload: 'Descargar',
  resultDownloadLabel: (index, total) => (total > 1 ? `Descargar el vídeo ${index + 1} de ${total}` : 'Descargar el vídeo'),
  resultExpires: (date) => `El enlace funciona hasta las ${time.format(date)}`,
  resultExpired: 'Este enlace ha caducado. Vuelve a generar para obtener uno nuevo.',
  resultCancelled: 'Se dejó de esperar. El servicio de vídeo no puede cancelar, así que el vídeo aún podría generarse y cobrarse.',
  resultNsfw: 'Marcado por la revisión de contenido',
  errorTitle: 'No se ha podido crear el vídeo',
  retry: 'Reintentar',
  retryIn: (seconds) => `Reintentar en ${seconds > 90 ? `${Math.ceil(seconds / 60)} min` : `${seconds} s`}`,
  cancel: 'Cancelar',

  announceSubmitting: 'Enviando la solicitud.',
  announceQueued: 'Esperando en la cola.',
  announceProcessing: 'Generando el vídeo.',
  announceProgress: (percent) => `${Math.round(percent)} % hecho.`,
  announcePartial: (done, total) => `${done} de ${total} vídeos listos.`,
  announceSucceeded: (count) => (count === 1 ? 'Tu vídeo está listo.' : `${count} vídeos están listos.`),
  announceFailed: (message) => `Ha fallado. ${message}`,
  announceCancelled: 'Se dejó de esperar. El vídeo aún podría generarse y cobrarse.',
  announceExpired: 'Los enlaces de los vídeos han caducado.',

  generatorTitle: 'Genera un vídeo',
  submit: 'Generar vídeo',
  submitBusy: 'Generando…',
  startOver: 'Empezar de nuevo',
  resultsEmpty: 'Tus vídeos aparecerán aquí.',
  invalidSummary: (count) => (count === 1 ? '1 ajuste necesita atención.' : `${count} ajustes necesitan atención.`),
} satisfies SeedanceMessages;
