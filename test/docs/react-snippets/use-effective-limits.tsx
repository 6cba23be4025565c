'use client';
import { useEffectiveLimits } from '@seedance-kit/react';

export function SiteLimits() {
  const limits = useEffectiveLimits();
  if (limits.isPending) return <p>Loading limits…</p>;
  if (limits.isError) return <p role="alert">{limits.error.message}</p>;
  const { duration, numberResults, outputFormats, maxTaskCostUsd } = limits.data;
  return (
    <ul>
      <li>
        Duration {duration.min}–{duration.max} s
      </li>
      <li>Up to {numberResults.max} videos per generation</li>
      <li>Formats: {outputFormats.join(', ')}</li>
      <li>{maxTaskCostUsd === null ? 'No cost cap' : `At most $${maxTaskCostUsd} per generation`}</li>
    </ul>
  );
}
