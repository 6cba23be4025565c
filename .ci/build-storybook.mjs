#!/usr/bin/env node
// Builds the static Storybook and fails when the build printed any warning, so a new warning
// (a docgen skip, a chunk over the limit, a deprecated API) is fixed or configured, not ignored.
import { spawn } from 'node:child_process';

const started = Date.now();
const child = spawn('npm', ['run', 'build-storybook'], {
  env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
const code = await new Promise((resolve) => child.on('close', resolve));

// eslint-disable-next-line no-control-regex
const lines = output.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
// Storybook's logger prints WARN, Vite and Rolldown a ▲ or "(!)" block.
const warnings = lines.filter((line) => /\bWARN|▲|\(!\)|\bwarning\b/i.test(line));
const seconds = ((Date.now() - started) / 1000).toFixed(1);

if (code !== 0 || warnings.length > 0) {
  process.stdout.write(output);
  console.error(`\nbuild-storybook: ${code !== 0 ? `exited with ${code}` : `${warnings.length} warning line(s)`}:\n${warnings.join('\n')}`);
  process.exit(1);
}
console.log(`build-storybook: storybook-static built in ${seconds} s with no warnings.`);
