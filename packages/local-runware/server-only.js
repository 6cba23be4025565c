// What a bundler gets for @seedance-kit/local-runware when it builds for the browser (the
// `browser` export condition). The import below cannot resolve, so the build (or a browser
// loading the file) stops with this sentence. No top-level throw: bundlers would drop the
// exports after it and report a missing name instead.
import 'seedance-kit: @seedance-kit/local-runware is a server-side development and test tool (it runs ffmpeg). Use it from your dev server or tests, never in browser code';

// Every name the real entries export, so a bundler reports the import above rather than a
// missing name (test/packaging checks the list against the entries).
const refused = undefined;
export {
  refused as ANSWER_SHAPES,
  refused as answerShapeInPrompt,
  refused as createLocalRunware,
  refused as localRunwareProvider,
  refused as seedanceMswBackend,
};
