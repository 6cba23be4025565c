import { createRouteHandlers } from '@seedance-kit/core/next';

// Polling Runware, the local Runware (ffmpeg) and node:crypto need the Node runtime; every
// answer is per task, so nothing here may be cached or prerendered.
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// The key comes from RUNWARE_API_KEY on the server (never a NEXT_PUBLIC_ variable). Without one,
// `next dev` runs the local Runware simulator (the @seedance-kit/local-runware dev dependency),
// and a production server answers 503 provider_not_configured rather than simulate. RUNWARE_BASE_URL points the provider at
// another Runware-compatible endpoint (a proxy, or the local Runware in tests).
// SEEDANCE_PUBLIC_URL is where this route is reached, e.g. https://app.example.com/api/seedance:
// needed for webhooks, and behind a proxy that rewrites Host (otherwise the Host header is used).
const baseUrl = process.env.RUNWARE_BASE_URL;
const publicUrl = process.env.SEEDANCE_PUBLIC_URL;

export const { GET, POST, HEAD } = createRouteHandlers({
  ...(baseUrl && { baseUrl }),
  ...(publicUrl && { publicUrl }),
  policy: { maxNumberResults: 4, maxHourlyCostUsd: 2 },
});
