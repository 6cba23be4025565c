import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildRunwareTask,
  estimateGenerationCost,
  parseJson,
  parseRunwareResponse,
  runwareVideoTaskSchema,
  stringifyJson,
  validateGenerationInput,
  type JsonValue,
} from '@seedance-kit/core';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../fixtures/golden/', import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.request.json'))
  .map((f) => f.replace('.request.json', ''));
const read = (file: string) => readFileSync(dir + file, 'utf8');

interface PageRequest {
  taskUUID: string;
  positivePrompt: string;
  width: number;
  height: number;
  duration: number;
  seed: number;
  providerSettings: { bytedance: { cameraFixed: boolean } };
  inputs?: { frameImages: { image: string; frame: 'first' }[] };
}

describe('the four examples on the provider page', () => {
  it('are all present', () => {
    expect(names).toHaveLength(4);
  });

  describe.each(names)('%s', (name) => {
    const pageText = read(`${name}.request.json`);
    const page = parseJson(pageText) as unknown as PageRequest;
    // The same inputs a form would produce for this example.
    const input = {
      positivePrompt: page.positivePrompt,
      width: page.width,
      height: page.height,
      duration: page.duration,
      seed: String(page.seed),
      cameraFixed: page.providerSettings.bytedance.cameraFixed,
      ...(page.inputs && { frameImage: page.inputs.frameImages[0]!.image }),
    };

    it('rebuilds the request object on the wire (plus deliveryMethod "async")', () => {
      const result = validateGenerationInput(input);
      expect(result.issues).toBeUndefined();
      const task = buildRunwareTask(result.value!, { taskUUID: page.taskUUID });
      const wire = parseJson(stringifyJson(task));
      expect(wire).toEqual({ ...(parseJson(pageText) as Record<string, JsonValue>), deliveryMethod: 'async' });
      // Key order matches the page's too, so bodies read like the docs.
      const pageKeys = Object.keys(page);
      expect(Object.keys(task).filter((k) => k !== 'deliveryMethod')).toEqual(pageKeys);
    });

    it('passes the exact Runware task schema', () => {
      expect(runwareVideoTaskSchema.safeParse(parseJson(pageText)).success).toBe(true);
    });

    it('parses the response', () => {
      const response = parseRunwareResponse(read(`${name}.response.json`));
      const raw = JSON.parse(read(`${name}.response.json`)) as { videoUUID: string; videoURL: string; seed: number; cost: number };
      expect(response.malformed).toEqual([]);
      expect(response.errors).toEqual([]);
      expect(response.data).toEqual([
        {
          status: 'success',
          taskType: 'videoInference',
          taskUUID: page.taskUUID,
          videoUUID: raw.videoUUID,
          videoURL: raw.videoURL,
          seed: String(page.seed),
          cost: raw.cost,
        },
      ]);
    });

    it('has its reported cost estimated within 1 %', () => {
      const cost = (JSON.parse(read(`${name}.response.json`)) as { cost: number }).cost;
      const estimate = estimateGenerationCost(validateGenerationInput(input).value!);
      expect(estimate.sizeKnown).toBe(true);
      expect(Math.abs(estimate.estimatedUsd - cost) / cost).toBeLessThan(0.01);
    });
  });
});
