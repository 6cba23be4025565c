'use client';
import {
  formatIssueMessage,
  frameImageSideIssues,
  inspectFrameImage,
  seedanceProFast,
  type FrameImageIssue,
  type ImageInputForm,
  type VideoModelSpec,
} from '@seedance-kit/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PreparedFrameImage } from '../lib/prepare-frame-image.js';
import { useControllableState } from '../lib/use-controllable-state.js';
import { useSeedanceMessages } from '../provider/seedance-messages-provider.js';

/** `empty`, `processing` (reading or scaling a file), `ready` (a usable image) or `invalid`. */
export type FrameImageStatus = 'empty' | 'processing' | 'ready' | 'invalid';

export interface UseFrameImageOptions {
  /**
   * The frame image string (data URI, URL, UUID or base64). Giving the `value` key at all, even
   * as undefined ("no image"), makes the hook controlled.
   */
  readonly value?: string | undefined;
  readonly defaultValue?: string;
  /** Gets the usable image string, or undefined when removed or refused. */
  readonly onValueChange?: (value: string | undefined) => void;
  /** The server's `maxBodyBytes`, so a picked photo is scaled to fit a request body. */
  readonly maxBodyBytes?: number | undefined;
  readonly spec?: Pick<VideoModelSpec, 'frameImages' | 'dimensions'>;
}

export interface UseFrameImageResult {
  readonly status: FrameImageStatus;
  /** The string to send as `frameImage`, when there is one. */
  readonly value: string | undefined;
  readonly form: ImageInputForm | undefined;
  /** What an `<img>` can show: the data URI or URL (none for a UUID or raw base64). */
  readonly previewSrc: string | undefined;
  readonly width: number | undefined;
  readonly height: number | undefined;
  readonly bytes: number | undefined;
  readonly type: string | undefined;
  readonly fileName: string | undefined;
  /** The picked file's sides when it was scaled down before use. */
  readonly resizedFrom: { readonly width: number; readonly height: number } | undefined;
  /** Core's findings, by code, for the last file or text given. */
  readonly issues: readonly FrameImageIssue[];
  /** The issues (or an unreadable file) as text for the user; undefined when fine. */
  readonly error: string | undefined;
  /** Something worth saying that does not block: a URL that did not load here, extra files. */
  readonly notice: string | undefined;
  /** For `<input type=file accept>`: the spec's image types. */
  readonly accept: string;
  /** Checks, scales if needed and uses a file (or any Blob). */
  readonly setFile: (file: Blob) => Promise<void>;
  /** Uses the first image of a list (drop, paste, file input); says so when there were more. */
  readonly setFiles: (files: FileList | readonly Blob[]) => Promise<void>;
  /** Uses text: an http(s) URL, a data URI, an uploaded image's UUID or raw base64. */
  readonly setText: (text: string) => void;
  readonly clear: () => void;
}

type Local =
  | { readonly kind: 'none' | 'processing' }
  | { readonly kind: 'invalid'; readonly issues: readonly FrameImageIssue[]; readonly unreadable: boolean; readonly fileName?: string | undefined }
  | { readonly kind: 'meta'; readonly forValue: string; readonly fileName?: string | undefined; readonly resizedFrom?: { width: number; height: number } | undefined };

/** What an `<img>` told of a URL: its sides once it loaded, none when it did not. */
interface UrlCheck {
  readonly url: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * A frame image's whole life in the browser: pick (file, drop, paste) or type (URL), check with
 * core, scale large photos down, preview, remove. Headless: `FrameImagePicker` renders it, or
 * build your own UI on it.
 */
export function useFrameImage(options: UseFrameImageOptions = {}): UseFrameImageResult {
  const spec = options.spec ?? seedanceProFast;
  const messages = useSeedanceMessages();
  const [value, setValue] = useControllableState<string | undefined>({
    value: options.value,
    controlled: 'value' in options,
    defaultValue: options.defaultValue,
    onChange: options.onValueChange,
  });
  const [local, setLocal] = useState<Local>({ kind: 'none' });
  const [oneOnly, setOneOnly] = useState(false);
  const [urlCheck, setUrlCheck] = useState<UrlCheck>();
  const token = useRef(0);
  const maxBodyBytes = useRef(options.maxBodyBytes);
  maxBodyBytes.current = options.maxBodyBytes;

  const inspection = useMemo(() => (value === undefined ? undefined : inspectFrameImage(value, spec)), [value, spec]);

  // A URL cannot be read here (no CORS), but an <img> can still tell its sides.
  useEffect(() => {
    if (value === undefined || inspection?.form !== 'url' || typeof Image === 'undefined') return;
    let live = true;
    const image = new Image();
    image.onload = () => live && setUrlCheck({ url: value, width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => live && setUrlCheck({ url: value });
    image.src = value;
    return () => {
      live = false;
      image.onload = image.onerror = null;
    };
  }, [value, inspection?.form]);

  const setFile = useCallback(
    async (file: Blob) => {
      const mine = ++token.current;
      const fileName = 'name' in file && typeof file.name === 'string' ? file.name : undefined;
      setLocal({ kind: 'processing' });
      // Reading and scaling a photo is loaded when the first file is picked: a page that never
      // picks one does not ship it.
      const prepared: PreparedFrameImage = await import('../lib/prepare-frame-image.js')
        .then(({ prepareFrameImage }) => prepareFrameImage(file, { spec, maxBodyBytes: maxBodyBytes.current }))
        .catch(() => ({
        inspection: { issues: [] },
        unreadable: true,
      }));
      if (mine !== token.current) return; // a newer pick or a removal won
      const { dataUri, inspection: found } = prepared;
      setLocal(
        dataUri
          ? { kind: 'meta', forValue: dataUri, fileName, resizedFrom: prepared.resizedFrom }
          : { kind: 'invalid', issues: found.issues, unreadable: prepared.unreadable === true || found.issues.length === 0, fileName },
      );
      setValue(dataUri);
    },
    [setValue, spec],
  );

  const setFiles = useCallback(
    async (files: FileList | readonly Blob[]) => {
      const [first, ...more] = Array.from(files as ArrayLike<Blob>);
      setOneOnly(more.length > 0);
      if (first) await setFile(first);
    },
    [setFile],
  );

  // Empty text is exactly a removal: a newer pick is dropped, the notice and the value cleared.
  const setText = useCallback(
    (text: string) => {
      token.current++;
      setOneOnly(false);
      const trimmed = text.trim();
      const issues = trimmed === '' ? undefined : inspectFrameImage(trimmed, spec).issues;
      const used = issues?.length === 0 ? trimmed : undefined;
      setLocal(used !== undefined ? { kind: 'meta', forValue: used } : issues ? { kind: 'invalid', issues, unreadable: false } : { kind: 'none' });
      setValue(used);
    },
    [setValue, spec],
  );

  const clear = useCallback(() => setText(''), [setText]);

  // Sides of a URL image, checked against the spec once it loaded here.
  const check = urlCheck?.url === value ? urlCheck : undefined;
  const urlWidth = check?.width;
  const meta = local.kind === 'meta' && local.forValue === value ? local : undefined;
  const invalid = local.kind === 'invalid' ? local : undefined;
  const issues = invalid?.issues ?? [...(inspection?.issues ?? []), ...(urlWidth === undefined ? [] : frameImageSideIssues(urlWidth, check?.height ?? 0, spec))];
  const status: FrameImageStatus =
    local.kind === 'processing' ? 'processing' : invalid || issues.length > 0 ? 'invalid' : value !== undefined ? 'ready' : 'empty';
  const form = invalid ? undefined : inspection?.form;
  const url = form === 'url';

  return {
    status,
    value,
    form,
    previewSrc: status === 'processing' || invalid || !(url || form === 'dataUri') ? undefined : value,
    width: url ? urlWidth : inspection?.width,
    height: url ? check?.height : inspection?.height,
    bytes: url ? undefined : inspection?.bytes,
    type: inspection?.type,
    fileName: meta?.fileName ?? invalid?.fileName,
    resizedFrom: meta?.resizedFrom,
    issues,
    error: invalid?.unreadable
      ? messages.frameImageUnreadable
      : issues.length > 0
        ? issues.map((issue) => formatIssueMessage(issue.code, 'frameImage', issue.params, messages.formatIssue)).join(' ')
        : undefined,
    notice: oneOnly ? messages.frameImageOneOnly : check && urlWidth === undefined && status === 'ready' ? messages.frameImageUrlUnreachable : undefined,
    accept: spec.frameImages.types.join(','),
    setFile,
    setFiles,
    setText,
    clear,
  };
}
