'use client';
import { useFrameImage } from '@seedance-kit/react';

export function FirstFrame({ onImage }: { readonly onImage: (image: string | undefined) => void }) {
  const image = useFrameImage({ onValueChange: onImage, maxBodyBytes: 8_000_000 });
  return (
    <div data-state={image.status}>
      <label htmlFor="frame">First frame</label>
      <input id="frame" type="file" accept={image.accept} onChange={(event) => event.currentTarget.files && void image.setFiles(event.currentTarget.files)} />
      {image.status === 'processing' ? <p>Preparing…</p> : null}
      {image.previewSrc ? <img src={image.previewSrc} alt="First frame preview" width={160} /> : null}
      {image.width && image.height ? (
        <p>
          {image.width}×{image.height} px{image.resizedFrom ? ` (scaled from ${image.resizedFrom.width}×${image.resizedFrom.height})` : ''}
        </p>
      ) : null}
      {image.error ? <p role="alert">{image.error}</p> : null}
      {image.notice ? <p>{image.notice}</p> : null}
      {image.value ? (
        <button type="button" onClick={image.clear}>
          Remove
        </button>
      ) : null}
    </div>
  );
}
