'use client';
import { seedanceProFast } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import {
  createContext,
  forwardRef,
  useContext,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type ComponentPropsWithoutRef,
  type ReactNode,
  type RefObject,
} from 'react';
import { useFrameImage, type UseFrameImageOptions, type UseFrameImageResult } from '../../hooks/use-frame-image.js';
import { composeEventHandlers, flag } from '../internal/compose.js';
import { FieldDescription, FieldError, FieldLabel, hasError, useField, useFieldContext } from '../internal/field.js';
import { FieldRootElement } from '../internal/field-root.js';
import type { LimitsProp } from '../internal/narrow.js';
import { useComposedRefs } from '../internal/use-composed-refs.js';
import { useSeedanceMessages } from '../messages-provider/messages-provider.js';

interface PickerContextValue {
  readonly image: UseFrameImageResult;
  readonly urlText: string;
  readonly setUrlText: (text: string) => void;
  readonly browseRef: RefObject<HTMLButtonElement | null>;
  readonly fileInputRef: RefObject<HTMLInputElement | null>;
}
const PickerContext = createContext<PickerContextValue | null>(null);
const usePicker = (part: string) => {
  const context = useContext(PickerContext);
  if (!context) throw new Error(`<FrameImagePicker.${part}> must be inside <FrameImagePicker.Root>.`);
  return context;
};

const TYPE_NAMES = seedanceProFast.frameImages.types.map((type) => type.replace('image/', '').toUpperCase());

export interface FrameImagePickerRootProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  /** The frame image string; giving the key at all (even undefined) makes the picker controlled. */
  readonly value?: string | undefined;
  readonly defaultValue?: string;
  readonly onValueChange?: (value: string | undefined) => void;
  /** A `useFrameImage()` result to render instead of the picker's own (value props are then unused). */
  readonly image?: UseFrameImageResult;
  /** The server's `/limits` (or its `maxBodyBytes`): photos are scaled to fit a request body. */
  readonly limits?: LimitsProp<'maxBodyBytes'>;
  /** An error from outside (e.g. the form); the picker's own findings show first. */
  readonly error?: ReactNode;
  readonly disabled?: boolean;
  readonly asChild?: boolean;
}

/**
 * The first frame image: drop, paste, browse or a URL; checked by core (type, bytes, sides),
 * large photos scaled down, previewed, removable. `data-state` is empty, processing, ready or
 * invalid.
 */
export const FrameImagePickerRoot = forwardRef<HTMLDivElement, FrameImagePickerRootProps>(function FrameImagePickerRoot(
  props,
  ref,
) {
  const { value, defaultValue, onValueChange, image: imageProp, limits, error: errorProp, disabled = false, onPaste, ...rest } = props;
  const messages = useSeedanceMessages();
  const options: UseFrameImageOptions = {
    ...('value' in props && { value }),
    ...(defaultValue !== undefined && { defaultValue }),
    ...(onValueChange && { onValueChange }),
    maxBodyBytes: limits?.maxBodyBytes,
  };
  const own = useFrameImage(options);
  const image = imageProp ?? own;
  const error = image.error ?? errorProp;
  const rules = seedanceProFast.frameImages;
  const field = useFieldContext({
    invalid: hasError(error),
    disabled,
    error,
    labelable: false,
    labelText: (
      <>
        {messages.frameImageLabel} <span data-seedance-part="optional">{messages.optional}</span>
      </>
    ),
    descriptionText: messages.frameImageDescription({ types: TYPE_NAMES, minSide: rules.minSide, maxSide: rules.maxSide, maxBytes: rules.maxBytes }),
  });
  const [urlText, setUrlText] = useState(image.form === 'url' && image.value ? image.value : '');
  const browseRef = useRef<HTMLButtonElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const context = useMemo(() => ({ image, urlText, setUrlText, browseRef, fileInputRef }), [image, urlText]);
  const handlePaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (disabled) return;
    const files = Array.from(event.clipboardData.files).filter((file) => file.type.startsWith('image/') || file.type === '');
    if (files.length > 0) {
      event.preventDefault();
      void image.setFiles(files);
    }
  };
  return (
    <PickerContext.Provider value={context}>
      <FieldRootElement
        field={field}
        part="frame-image-picker"
        group
        state={image.status}
        data-form={image.form}
        onPaste={composeEventHandlers(onPaste, handlePaste)}
        {...rest}
        ref={ref}
      />
    </PickerContext.Provider>
  );
});

export interface FrameImagePickerDropzoneProps extends ComponentPropsWithoutRef<'div'> {
  readonly asChild?: boolean;
}

/**
 * Where files can be dropped. `data-state` is `idle` or `over` while a drag hovers. Keyboard and
 * screen reader users have the Browse button and the URL field; paste works anywhere in the picker.
 */
export const FrameImagePickerDropzone = forwardRef<HTMLDivElement, FrameImagePickerDropzoneProps>(function FrameImagePickerDropzone(
  { asChild, children, onDragEnter, onDragOver, onDragLeave, onDrop, ...props },
  ref,
) {
  const picker = usePicker('Dropzone');
  const field = useField('FrameImagePicker.Dropzone');
  const messages = useSeedanceMessages();
  const [over, setOver] = useState(false);
  const Comp = asChild ? Slot.Root : 'div';
  const accepts = (event: DragEvent) => !field.disabled && Array.from(event.dataTransfer.types).includes('Files');
  return (
    <Comp
      data-seedance-part="dropzone"
      data-state={over ? 'over' : 'idle'}
      data-disabled={flag(field.disabled)}
      {...props}
      ref={ref}
      onDragEnter={composeEventHandlers(onDragEnter, (event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        setOver(true);
      })}
      onDragOver={composeEventHandlers(onDragOver, (event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      })}
      onDragLeave={composeEventHandlers(onDragLeave, (event) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        setOver(false);
      })}
      onDrop={composeEventHandlers(onDrop, (event) => {
        setOver(false);
        if (field.disabled) return;
        event.preventDefault();
        if (event.dataTransfer.files.length > 0) void picker.image.setFiles(event.dataTransfer.files);
        else {
          const text = event.dataTransfer.getData('text/uri-list') || event.dataTransfer.getData('text/plain');
          if (text) picker.image.setText(text.split(/\r?\n/).find((line) => line && !line.startsWith('#')) ?? '');
        }
      })}
    >
      {children ?? (
        <>
          <span data-seedance-part="dropzone-text">{over ? messages.frameImageDropActive : messages.frameImageDrop}</span>
          <FrameImagePickerBrowse />
        </>
      )}
    </Comp>
  );
});

export type FrameImagePickerBrowseProps = ComponentPropsWithoutRef<'button'>;

/** Opens the file chooser (a hidden file input limited to the spec's types). */
export const FrameImagePickerBrowse = forwardRef<HTMLButtonElement, FrameImagePickerBrowseProps>(function FrameImagePickerBrowse(
  { children, onClick, ...props },
  ref,
) {
  const picker = usePicker('Browse');
  const field = useField('FrameImagePicker.Browse');
  const messages = useSeedanceMessages();
  const refs = useComposedRefs(ref, picker.browseRef);
  return (
    <>
      <button
        type="button"
        disabled={field.disabled}
        aria-describedby={field.describedBy}
        data-seedance-part="button"
        data-variant="secondary"
        {...props}
        ref={refs}
        onClick={composeEventHandlers(onClick, () => picker.fileInputRef.current?.click())}
      >
        {children ?? messages.frameImageBrowse}
      </button>
      <input
        ref={picker.fileInputRef}
        type="file"
        accept={picker.image.accept}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-seedance-part="file-input"
        onChange={(event) => {
          const { files } = event.currentTarget;
          if (files && files.length > 0) void picker.image.setFiles(Array.from(files));
          // Picking the same file again must fire change again.
          event.currentTarget.value = '';
        }}
      />
    </>
  );
});

export interface FrameImagePickerUrlProps extends ComponentPropsWithoutRef<'div'> {
  readonly label?: ReactNode;
}

/** A labelled text field for an image URL (a data URI or an uploaded image's UUID also work), with its apply button. */
export const FrameImagePickerUrl = forwardRef<HTMLDivElement, FrameImagePickerUrlProps>(function FrameImagePickerUrl(
  { label, children, ...props },
  ref,
) {
  const picker = usePicker('Url');
  const field = useField('FrameImagePicker.Url');
  const messages = useSeedanceMessages();
  const inputId = `${field.controlId}-url`;
  const apply = () => picker.image.setText(picker.urlText);
  return (
    <div data-seedance-part="frame-image-url" {...props} ref={ref}>
      {children ?? (
        <>
          <label htmlFor={inputId} data-seedance-part="sublabel">
            {label ?? messages.frameImageUrlLabel}
          </label>
          <div data-seedance-part="url-row">
            <input
              id={inputId}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder={messages.frameImageUrlPlaceholder}
              value={picker.urlText}
              disabled={field.disabled}
              aria-describedby={field.describedBy}
              aria-invalid={(field.invalid && picker.image.form === undefined && picker.urlText !== '') || undefined}
              data-seedance-part="url-input"
              onChange={(event) => picker.setUrlText(event.currentTarget.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  apply();
                }
              }}
            />
            <button type="button" disabled={field.disabled || picker.urlText.trim() === ''} data-seedance-part="button" data-variant="secondary" onClick={apply}>
              {messages.frameImageUrlApply}
            </button>
          </div>
        </>
      )}
    </div>
  );
});

export type FrameImagePickerPreviewProps = ComponentPropsWithoutRef<'img'>;

/** The image as it will be sent, once usable. */
export const FrameImagePickerPreview = forwardRef<HTMLImageElement, FrameImagePickerPreviewProps>(function FrameImagePickerPreview({ alt, ...props }, ref) {
  const picker = usePicker('Preview');
  const messages = useSeedanceMessages();
  if (!picker.image.previewSrc || picker.image.status !== 'ready') return null;
  return <img src={picker.image.previewSrc} alt={alt ?? messages.frameImagePreviewAlt} data-seedance-part="frame-image-preview" {...props} ref={ref} />;
});

export interface FrameImagePickerInfoProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/** Sides and size, and whether the photo was scaled down. */
export const FrameImagePickerInfo = forwardRef<HTMLParagraphElement, FrameImagePickerInfoProps>(function FrameImagePickerInfo(
  { asChild, children, ...props },
  ref,
) {
  const { image } = usePicker('Info');
  const messages = useSeedanceMessages();
  if (image.status !== 'ready') return null;
  const info = messages.frameImageInfo(image.width, image.height, image.bytes);
  const resized =
    image.resizedFrom && image.width !== undefined && image.height !== undefined
      ? messages.frameImageResized(image.resizedFrom.width, image.resizedFrom.height, image.width, image.height)
      : '';
  const text = [image.fileName, info, resized].filter(Boolean).join(' · ');
  if (!text && children === undefined) return null;
  const Comp = asChild ? Slot.Root : 'p';
  return (
    <Comp data-seedance-part="frame-image-info" data-resized={flag(image.resizedFrom !== undefined)} {...props} ref={ref}>
      {children ?? text}
    </Comp>
  );
});

export type FrameImagePickerRemoveProps = ComponentPropsWithoutRef<'button'>;

/** Removes the image (or a refused one's error) and returns focus to Browse. */
export const FrameImagePickerRemove = forwardRef<HTMLButtonElement, FrameImagePickerRemoveProps>(function FrameImagePickerRemove(
  { children, onClick, ...props },
  ref,
) {
  const picker = usePicker('Remove');
  const field = useField('FrameImagePicker.Remove');
  const messages = useSeedanceMessages();
  if (picker.image.status === 'empty' || picker.image.status === 'processing') return null;
  return (
    <button
      type="button"
      disabled={field.disabled}
      data-seedance-part="button"
      data-variant="ghost"
      {...props}
      ref={ref}
      onClick={composeEventHandlers(onClick, () => {
        picker.image.clear();
        picker.setUrlText('');
        picker.browseRef.current?.focus();
      })}
    >
      {children ?? messages.frameImageRemove}
    </button>
  );
});

export interface FrameImagePickerStatusProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/** A polite live region: "Preparing the image…" and notices that do not block. */
export const FrameImagePickerStatus = forwardRef<HTMLParagraphElement, FrameImagePickerStatusProps>(function FrameImagePickerStatus(
  { asChild, children, ...props },
  ref,
) {
  const { image } = usePicker('Status');
  const messages = useSeedanceMessages();
  const text = image.status === 'processing' ? messages.frameImageProcessing : (image.notice ?? '');
  const Comp = asChild ? Slot.Root : 'p';
  return (
    <Comp aria-live="polite" data-seedance-part="frame-image-status" data-state={text ? 'shown' : 'hidden'} {...props} ref={ref}>
      {children ?? text}
    </Comp>
  );
});

export type FrameImagePickerProps = FrameImagePickerRootProps;

const FrameImagePickerAssembled = forwardRef<HTMLDivElement, FrameImagePickerProps>(function FrameImagePicker(props, ref) {
  return (
    <FrameImagePickerRoot {...props} ref={ref}>
      <FieldLabel />
      <FieldDescription />
      <div data-seedance-part="frame-image-body">
        <FrameImagePickerDropzone>
          <FrameImagePickerPreview />
          <DropzoneDefault />
        </FrameImagePickerDropzone>
        <FrameImagePickerUrl />
      </div>
      <FrameImagePickerStatus />
      <FieldError />
    </FrameImagePickerRoot>
  );
});

function DropzoneDefault() {
  const messages = useSeedanceMessages();
  const { image } = usePicker('Dropzone');
  return (
    <div data-seedance-part="dropzone-content">
      <FrameImagePickerInfo />
      {image.status === 'ready' ? null : <span data-seedance-part="dropzone-text">{messages.frameImageDrop}</span>}
      <div data-seedance-part="frame-image-actions">
        <FrameImagePickerBrowse />
        <FrameImagePickerRemove />
      </div>
    </div>
  );
}

export const FrameImagePicker = Object.assign(FrameImagePickerAssembled, {
  Root: FrameImagePickerRoot,
  Label: FieldLabel,
  Description: FieldDescription,
  Dropzone: FrameImagePickerDropzone,
  Browse: FrameImagePickerBrowse,
  Url: FrameImagePickerUrl,
  Preview: FrameImagePickerPreview,
  Info: FrameImagePickerInfo,
  Remove: FrameImagePickerRemove,
  Status: FrameImagePickerStatus,
  Error: FieldError,
});
