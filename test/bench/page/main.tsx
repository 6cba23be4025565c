import { createSeedanceClient, eventSourceTransport } from '@seedance-kit/core';
import { FrameImagePicker, SeedanceGenerator, SeedanceProvider, useFrameImage } from '@seedance-kit/react';
import '@seedance-kit/react/styles.css';
import { Profiler, useEffect, type ProfilerOnRenderCallback } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * What the bench reads from the page: React commits (the Profiler's onRender, which works in
 * this build because react-dom is aliased to its profiling build) and the frame image picker's
 * outcome. `?mode=widget&transport=fetch|eventsource|polling` or `?mode=frame`.
 */
interface BenchWindow {
  __commits: { id: string; phase: string; t: number; ms: number }[];
  __frame?: { status: string; width?: number; height?: number; bytes?: number; type?: string; resizedFrom?: { width: number; height: number }; t: number };
}
const bench = window as unknown as BenchWindow;
bench.__commits = [];
const onRender: ProfilerOnRenderCallback = (id, phase, actualDuration) => {
  bench.__commits.push({ id, phase, t: performance.now(), ms: actualDuration });
};

const params = new URLSearchParams(location.search);
const transport = (params.get('transport') ?? 'fetch') as 'fetch' | 'eventsource' | 'polling';
const client = createSeedanceClient({ baseUrl: '/api/seedance', transport: transport === 'eventsource' ? eventSourceTransport : transport });

function FrameBench() {
  const image = useFrameImage();
  useEffect(() => {
    bench.__frame = {
      status: image.status,
      ...(image.width !== undefined && { width: image.width }),
      ...(image.height !== undefined && { height: image.height }),
      ...(image.bytes !== undefined && { bytes: image.bytes }),
      ...(image.type !== undefined && { type: image.type }),
      ...(image.resizedFrom !== undefined && { resizedFrom: image.resizedFrom }),
      t: performance.now(),
    };
  }, [image.status, image.width, image.height, image.bytes, image.type, image.resizedFrom]);
  return <FrameImagePicker image={image} />;
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <SeedanceProvider client={client} storage={null}>
    <main className="seedance" style={{ maxWidth: '64rem', margin: '0 auto', padding: '1rem' }}>
      <h1>Bench</h1>
      {params.get('mode') === 'frame' ? (
        <FrameBench />
      ) : (
        <Profiler id="widget" onRender={onRender}>
          <SeedanceGenerator />
        </Profiler>
      )}
    </main>
  </SeedanceProvider>,
);
