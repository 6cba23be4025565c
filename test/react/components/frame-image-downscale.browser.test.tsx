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
