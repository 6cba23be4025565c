import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Orders the files the workers take, so that files that compute run beside files that wait:
 * - the node files first (vitest's order: longest or largest first), while Storybook's Chromium
 *   renders its stories; they mostly wait on sockets, timers, Redis and ffmpeg;
 * - each end-to-end file (a Chromium, a server and ffmpeg) moved among them, one every few, so
 *   it runs beside a node file rather than beside another browser;
 * - the jsdom files last, which compute the whole time: by then the browsers are done.
 */
export class SpreadSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const of = (name: string) => sorted.filter((spec) => spec.project.name === name);
    const [e2e, node, jsdom] = [of('e2e'), of('node'), of('jsdom')];
    const others = sorted.filter((spec) => !['e2e', 'node', 'jsdom'].includes(spec.project.name));
    const every = Math.max(1, Math.floor(node.length / Math.max(1, e2e.length)));
    const mixed: TestSpecification[] = [];
    node.forEach((spec, i) => {
      const next = i % every === 0 ? e2e.shift() : undefined;
      if (next) mixed.push(next);
      mixed.push(spec);
    });
    return [...others, ...mixed, ...e2e, ...jsdom];
  }
}
