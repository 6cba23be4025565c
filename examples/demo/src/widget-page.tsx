import { SeedanceGenerator } from '@seedance-kit/react';

export function WidgetPage() {
  return (
    <>
      <h1>Generate a video</h1>
      <p className="demo-lead">The drop-in <code>&lt;SeedanceGenerator/&gt;</code>, with nothing but its endpoint.</p>
      <SeedanceGenerator endpoint="/api/seedance" />
    </>
  );
}
