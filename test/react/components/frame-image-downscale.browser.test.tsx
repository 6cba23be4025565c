import { inspectFrameImage, seedanceProFast } from '@seedance-kit/core';
import { FrameImagePicker, prepareFrameImage } from '@seedance-kit/react';
import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';

/** A real encoded photo-like image of these sides, made by Chromium's canvas. */
async function makeImage(width: number, height: number, type: 'image/jpeg' | 'image/png', quality = 0.92): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  const gradient = context.createLinearGradient(0, 0, width, height);
  gradient.addColorStop(0, '#1d4ed8');
  gradient.addColorStop(1, '#f59e0b');
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);
  // Noise so JPEG cannot compress the picture to nothing, as a real photo.
  for (let i = 0; i < 4000; i++) {
    context.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`;
    context.fillRect((i * 7919) % width, (i * 104729) % height, 3 + (i % 40), 3 + (i % 25));
  }
  const blob = await canvas.convertToBlob({ type, quality });
  return new File([blob], `photo-${width}x${height}.${type === 'image/png' ? 'png' : 'jpg'}`, { type });
}

/** The same JPEG with an APP1 segment (EXIF Orientation, and `padding` bytes of filler) after SOI. */
async function withExif(jpeg: Blob, orientation: number, padding = 0): Promise<File> {
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  // "Exif\0\0", then a big-endian TIFF header with one IFD entry: Orientation (0x0112), SHORT.
  const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff, ...new Array<number>(padding).fill(0)];
  const length = payload.length + 2;
  const app1 = new Uint8Array([0xff, 0xe1, length >> 8, length & 0xff, ...payload]);
  return new File([bytes.subarray(0, 2), app1, bytes.subarray(2)], 'rotated.jpg', { type: 'image/jpeg' });
}

/** The colour at a point of an image given as a data URI. */
async function pixelAt(dataUri: string, x: number, y: number): Promise<number[]> {
  const bitmap = await createImageBitmap(await (await fetch(dataUri)).blob());
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
  context.drawImage(bitmap, 0, 0);
  return Array.from(context.getImageData(Math.round(x * bitmap.width), Math.round(y * bitmap.height), 1, 1).data);
}

const largestOutputSide = Math.max(...seedanceProFast.dimensions.map((d) => Math.max(d.width, d.height)));

describe('prepareFrameImage in Chromium', () => {
  it('scales a photo larger than any output down to the largest output side', async () => {
    const prepared = await prepareFrameImage(await makeImage(4000, 3000, 'image/jpeg'));
    expect(prepared.resizedFrom).toEqual({ width: 4000, height: 3000 });
    expect(prepared.dataUri).toMatch(/^data:image\/jpeg;base64,/);
    const inspection = inspectFrameImage(prepared.dataUri ?? '');
    expect(inspection.issues).toEqual([]);
    expect(Math.max(inspection.width ?? 0, inspection.height ?? 0)).toBe(largestOutputSide);
    expect(inspection.width! / inspection.height!).toBeCloseTo(4000 / 3000, 2);
  });

  it('keeps the short side at the minimum when the long side is over the maximum', async () => {
    const { frameImages } = seedanceProFast;
    const prepared = await prepareFrameImage(await makeImage(frameImages.maxSide + 400, 400, 'image/png'));
    const inspection = inspectFrameImage(prepared.dataUri ?? '');
    expect(inspection.issues).toEqual([]);
    expect(inspection.height).toBe(frameImages.minSide);
    expect(inspection.width).toBeLessThanOrEqual(frameImages.maxSide);
  });

  it('fits the data URI into the server’s body limit', async () => {
    const maxBodyBytes = 400_000;
    const prepared = await prepareFrameImage(await makeImage(3000, 2000, 'image/png'), { maxBodyBytes });
    expect(prepared.dataUri).toBeDefined();
    expect(prepared.dataUri!.length).toBeLessThan(maxBodyBytes);
    expect(inspectFrameImage(prepared.dataUri!).issues).toEqual([]);
  });

  it('turns a photo by its EXIF orientation before scaling it, and reports the sides as shown', async () => {
    // 4000×3000 pixels, the left half red, stored with Orientation 6 (shown turned 90° clockwise).
    const canvas = new OffscreenCanvas(4000, 3000);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.fillStyle = '#0000ff';
    context.fillRect(0, 0, 4000, 3000);
    context.fillStyle = '#ff0000';
    context.fillRect(0, 0, 2000, 3000);
    const prepared = await prepareFrameImage(await withExif(await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }), 6));
    expect(prepared.resizedFrom).toEqual({ width: 3000, height: 4000 });
    const inspection = inspectFrameImage(prepared.dataUri ?? '');
    expect(inspection.issues).toEqual([]);
    expect([inspection.width, inspection.height]).toEqual([1632, largestOutputSide]);
    // Turned clockwise, the left half is the top half.
    expect((await pixelAt(prepared.dataUri!, 0.5, 0.1)).slice(0, 3).map((c) => Math.round(c / 64))).toEqual([4, 0, 0]);
    expect((await pixelAt(prepared.dataUri!, 0.5, 0.9)).slice(0, 3).map((c) => Math.round(c / 64))).toEqual([0, 0, 4]);
  });

  it('finds the sides of a photo whose EXIF block is larger than the first 64 KiB', async () => {
    const prepared = await prepareFrameImage(await withExif(await makeImage(4000, 3000, 'image/jpeg'), 1, 65_000));
    expect(prepared.resizedFrom).toEqual({ width: 4000, height: 3000 });
    expect(inspectFrameImage(prepared.dataUri ?? '').issues).toEqual([]);
  });

  it('puts a transparent PNG that must become a JPEG on white', async () => {
    // The left half transparent; noise in the lower right quarter makes the PNG too heavy for the
    // body limit, so only a JPEG fits.
    const canvas = new OffscreenCanvas(3000, 2000);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    const noise = context.createImageData(1500, 1000);
    for (let i = 0; i < noise.data.length; i++) noise.data[i] = i % 4 === 3 ? 255 : Math.random() * 256;
    context.putImageData(noise, 1500, 1000);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    expect(png.size).toBeGreaterThan(3_000_000);
    const prepared = await prepareFrameImage(png, { maxBodyBytes: 3_000_000 });
    expect(prepared.dataUri).toMatch(/^data:image\/jpeg;base64,/);
    expect(prepared.resizedFrom).toEqual({ width: 3000, height: 2000 });
    expect((await pixelAt(prepared.dataUri!, 0.25, 0.5)).slice(0, 3)).toEqual([255, 255, 255]);
  });

  it('leaves an image within every bound as it is', async () => {
    const file = await makeImage(1280, 720, 'image/jpeg');
    const prepared = await prepareFrameImage(file);
    expect(prepared.resizedFrom).toBeUndefined();
    expect(inspectFrameImage(prepared.dataUri ?? '').bytes).toBe(file.size);
  });

  it('keeps a 3000×300 banner as it is: its short side is already the minimum, so nothing is scaled or re-encoded', async () => {
    const file = await makeImage(3000, 300, 'image/png');
    const prepared = await prepareFrameImage(file);
    expect(prepared.resizedFrom).toBeUndefined();
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    expect(prepared.dataUri).toBe(`data:image/png;base64,${btoa(binary)}`);

    const screen = await render(<FrameImagePicker />);
    const input = screen.container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, file);
    await expect.element(page.getByText(/photo-3000x300\.png · 3000×300 px/)).toBeInTheDocument();
    expect(screen.container.textContent).not.toMatch(/Scaled down/);
  });

  it('says in the picker that a picked photo was scaled down', async () => {
    const onValueChange = vi.fn();
    const screen = await render(<FrameImagePicker onValueChange={onValueChange} />);
    const input = screen.container.querySelector('input[type="file"]') as HTMLInputElement;
    await userEvent.upload(input, await makeImage(4000, 3000, 'image/jpeg'));
    await expect.element(page.getByText(/Scaled down from 4000×3000 to 2176×1632 px\./)).toBeInTheDocument();
    await expect.element(page.getByRole('img', { name: 'First frame preview' })).toBeVisible();
    expect(String(onValueChange.mock.lastCall?.[0])).toMatch(/^data:image\/jpeg;base64,/);
  });
});
