import { SeedanceGenerator } from '@seedance-kit/react';

export function WidgetPage() {
  return (
    <>
      <h1>Drop-in widget</h1>
      <p className="demo-lead">The drop-in <code>&lt;SeedanceGenerator/&gt;</code>, with nothing but its endpoint.</p>
      <SeedanceGenerator endpoint="/api/seedance" />
    </>
  );
}
