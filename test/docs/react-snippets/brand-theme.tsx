import { SeedanceGenerator } from '@seedance-kit/react';
import '@seedance-kit/react/styles.css';
// brand.css holds the `.seedance.acme-studio { --seedance-…: … }` rules shown above.
import './brand.css';

export function BrandedGenerator() {
  return <SeedanceGenerator endpoint="/api/seedance" className="acme-studio" data-theme="light" />;
}
