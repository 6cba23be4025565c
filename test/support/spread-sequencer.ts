import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Orders the files the workers take: vitest's order (longest or largest first within a project),
 * then each end-to-end file moved among the node files, one every few. An e2e file runs a
 * Chromium, a server and ffmpeg; beside a node file, which mostly waits on sockets, timers and
 * Redis, it has a core to itself. Beside another e2e file, or early in the run while Storybook's
 * Chromium and the jsdom files compute, both slow down several times over.
 */
export class SpreadSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const e2e = sorted.filter((spec) => spec.project.name === 'e2e');
    const node = sorted.filter((spec) => spec.project.name === 'node');
    if (e2e.length === 0 || node.length === 0) return sorted;
    const others = sorted.filter((spec) => spec.project.name !== 'e2e' && spec.project.name !== 'node');
    const every = Math.max(1, Math.floor(node.length / e2e.length));
    const mixed: TestSpecification[] = [];
    node.forEach((spec, i) => {
      const next = i % every === 0 ? e2e.shift() : undefined;
      if (next) mixed.push(next);
      mixed.push(spec);
    });
    return [...others, ...mixed, ...e2e];
  }
}
