/**
 * Real encoded images made by the browser's canvas, for stories that pick files. Story-only
 * helper: not exported from the package.
 */
export async function canvasImageFile(width: number, height: number, type: 'image/png' | 'image/jpeg' = 'image/jpeg', name?: string): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#312e81');
  gradient.addColorStop(1, '#f59e0b');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#fef3c7';
  context.beginPath();
  context.arc(width * 0.7, height * 0.3, Math.min(width, height) * 0.12, 0, Math.PI * 2);
  context.fill();
  const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no blob'))), type, 0.9));
  return new File([blob], name ?? `frame-${width}x${height}.${type === 'image/png' ? 'png' : 'jpg'}`, { type });
}
