import type { VideoTaskState } from '@seedance-kit/core';
import { SeedanceGenerator } from '@seedance-kit/react';
import { useState } from 'react';

/** What the app saved: one row per finished video, as it would write to its own database. */
interface SavedVideo {
  readonly videoUUID: string;
  readonly url: string;
  readonly prompt: string;
}

export function WidgetPage() {
  const [saved, setSaved] = useState<readonly SavedVideo[]>([]);
  // onSuccess fires once per task (not again after a reload that resumes it). The server keeps
  // each file (keepOnDisk, at /videos/<videoUUID>.<ext>), so the app saves its own link, which
  // does not expire with the provider's; the copy may finish a moment after the task does.
  const onSuccess = (task: VideoTaskState) => {
    const prompt = task.input?.positivePrompt ?? '';
    const ext = (task.input?.outputFormat ?? 'MP4').toLowerCase();
    setSaved((previous) => [...task.results.map((result) => ({ videoUUID: result.videoUUID, url: `/videos/${result.videoUUID}.${ext}`, prompt })), ...previous]);
  };
  return (
    <>
      <h1>Drop-in widget</h1>
      <p className="demo-lead">
        The drop-in <code>&lt;SeedanceGenerator/&gt;</code> with its endpoint and an <code>onSuccess</code> callback that saves each video to the
        app&apos;s library below.
      </p>
      <SeedanceGenerator endpoint="/api/seedance" onSuccess={onSuccess} />
      <section aria-labelledby="library-title" className="demo-library">
        <h2 id="library-title">Your library</h2>
        {saved.length === 0 ? (
          <p>Videos you generate are saved here, with links kept on this server.</p>
        ) : (
          <ul>
            {saved.map((video) => (
              <li key={video.videoUUID}>
                <a href={video.url}>{video.prompt || video.videoUUID}</a> <small>{new URL(video.url, location.href).pathname}</small>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
