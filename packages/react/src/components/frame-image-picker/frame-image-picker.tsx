'use client';
import { seedanceProFast } from '@seedance-kit/core';
import { Slot } from 'radix-ui';
import { createContext, forwardRef, useContext, useRef, useState, type ClipboardEvent, type ComponentPropsWithoutRef, type DragEvent, type ReactNode, type RefObject } from 'react';
import { useFrameImage, type UseFrameImageResult } from '../../hooks/use-frame-image.js';
import { buttonProps, composeEventHandlers, flag, withParts } from '../internal/compose.js';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
  FieldRootElement,
  textPart,
  useField,
  useFieldContext,
  type FieldContextValue,
  type Part,
} from '../internal/field.js';
import type { LimitsProp } from '../internal/narrow.js';
import { useComposedRefs } from '../internal/use-composed-refs.js';
import { useSeedanceMessages } from '../../provider/seedance-messages-provider.js';

interface PickerState {
  readonly image: UseFrameImageResult;
  readonly urlText: string;
  readonly setUrlText: (text: string) => void;
  readonly browseRef: RefObject<HTMLButtonElement | null>;
  readonly fileInputRef: RefObject<HTMLInputElement | null>;
}
const usePicker = (part: string) => useField<PickerState>(part, 'FrameImagePicker');
/** Whether a drag of files hovers the dropzone, for the hint inside it. */
const DragOverContext = createContext(false);

const rules = seedanceProFast.frameImages;
const TYPE_NAMES = rules.types.map((type) => type.replace('image/', '').toUpperCase());

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
export const FrameImagePickerRoot = forwardRef<HTMLDivElement, FrameImagePickerRootProps>(function FrameImagePickerRoot(props, ref) {
  const { value, defaultValue, onValueChange, image: imageProp, limits, error, disabled, onPaste, ...rest } = props;
  const messages = useSeedanceMessages();
  const own = useFrameImage({ ...('value' in props && { value }), defaultValue, onValueChange, maxBodyBytes: limits?.maxBodyBytes });
  const image = imageProp ?? own;
  const [urlText, setUrlText] = useState(image.form === 'url' && image.value ? image.value : '');
  const browseRef = useRef<HTMLButtonElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const field = useFieldContext<PickerState>(
    'FrameImagePicker',
    {
      error: image.error ?? error,
      disabled,
      labelText: (
        <>
          {messages.frameImageLabel} <span data-seedance-part="optional">{messages.optional}</span>
        </>
      ),
      descriptionText: messages.frameImageDescription({ types: TYPE_NAMES, minSide: rules.minSide, maxSide: rules.maxSide, maxBytes: rules.maxBytes }),
    },
    { image, urlText, setUrlText, browseRef, fileInputRef },
  );
  const handlePaste = (event: ClipboardEvent<HTMLDivElement>) => {
    if (disabled) return;
    const files = Array.from(event.clipboardData.files).filter((file) => file.type.startsWith('image/') || file.type === '');
    if (files.length > 0) {
      event.preventDefault();
      void image.setFiles(files);
    }
  };
  return (
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
  const field = usePicker('Dropzone');
  const { image } = field.state;
  const [over, setOver] = useState(false);
  const Comp = asChild ? Slot.Root : 'div';
  // A drag of files: taken (default prevented) unless disabled.
  const take = (event: DragEvent) => !field.disabled && Array.from(event.dataTransfer.types).includes('Files') && (event.preventDefault(), true);
  // The provider goes outside: with asChild, Slot needs the app's element as its only child.
  return (
    <DragOverContext.Provider value={over}>
      <Comp
        data-seedance-part="dropzone"
        data-state={over ? 'over' : 'idle'}
        data-disabled={flag(field.disabled)}
        {...props}
        ref={ref}
        onDragEnter={composeEventHandlers(onDragEnter, (event) => {
          if (take(event)) setOver(true);
        })}
        onDragOver={composeEventHandlers(onDragOver, (event) => {
          if (take(event)) event.dataTransfer.dropEffect = 'copy';
        })}
        onDragLeave={composeEventHandlers(onDragLeave, (event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
        })}
        onDrop={composeEventHandlers(onDrop, (event) => {
          setOver(false);
          if (field.disabled) return;
          event.preventDefault();
          const { files } = event.dataTransfer;
          if (files.length > 0) void image.setFiles(files);
          else {
            const text = event.dataTransfer.getData('text/uri-list') || event.dataTransfer.getData('text/plain');
            if (text) image.setText(text.split(/\r?\n/).find((line) => line && !line.startsWith('#')) ?? '');
          }
        })}
      >
        {children ?? (
          <>
            <DropText />
            <FrameImagePickerBrowse />
          </>
        )}
      </Comp>
    </DragOverContext.Provider>
  );
});

export type FrameImagePickerBrowseProps = ComponentPropsWithoutRef<'button'>;

/** Opens the file chooser (a hidden file input limited to the spec's types). */
export const FrameImagePickerBrowse = forwardRef<HTMLButtonElement, FrameImagePickerBrowseProps>(function FrameImagePickerBrowse(
  { children, onClick, ...props },
  ref,
) {
  const field = usePicker('Browse');
  const picker = field.state;
  const messages = useSeedanceMessages();
  const refs = useComposedRefs(ref, picker.browseRef);
  return (
    <>
      <button
        {...buttonProps('secondary')}
        disabled={field.disabled}
        aria-describedby={field.describedBy}
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
export const FrameImagePickerUrl = forwardRef<HTMLDivElement, FrameImagePickerUrlProps>(function FrameImagePickerUrl({ label, children, ...props }, ref) {
  const field = usePicker('Url');
  const picker = field.state;
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
            <button {...buttonProps('secondary')} disabled={field.disabled || picker.urlText.trim() === ''} onClick={apply}>
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
  const { image } = usePicker('Preview').state;
  const messages = useSeedanceMessages();
  if (!image.previewSrc || image.status !== 'ready') return null;
  return <img src={image.previewSrc} alt={alt ?? messages.frameImagePreviewAlt} data-seedance-part="frame-image-preview" {...props} ref={ref} />;
});

export interface FrameImagePickerInfoProps extends ComponentPropsWithoutRef<'p'> {
  readonly asChild?: boolean;
}

/** Sides and size, and whether the photo was scaled down. */
export const FrameImagePickerInfo: Part<FrameImagePickerInfoProps, HTMLParagraphElement> = textPart<FieldContextValue<PickerState>, HTMLParagraphElement, 'p'>(
  usePicker,
  'Info',
  'p',
  'frame-image-info',
  ({ state: { image } }, messages) => {
    if (image.status !== 'ready') return null;
    const { width, height, resizedFrom } = image;
    const text = [
      image.fileName,
      messages.frameImageInfo(width, height, image.bytes),
      resizedFrom && width !== undefined && height !== undefined && messages.frameImageResized(resizedFrom.width, resizedFrom.height, width, height),
    ]
      .filter(Boolean)
      .join(' · ');
    return [text || undefined, { 'data-resized': flag(resizedFrom !== undefined) }];
  },
);

export type FrameImagePickerRemoveProps = ComponentPropsWithoutRef<'button'>;

/** Removes the image (or a refused one's error) and returns focus to Browse. */
export const FrameImagePickerRemove = forwardRef<HTMLButtonElement, FrameImagePickerRemoveProps>(function FrameImagePickerRemove(
  { children, onClick, ...props },
  ref,
) {
  const field = usePicker('Remove');
  const picker = field.state;
  const messages = useSeedanceMessages();
  if (picker.image.status === 'empty' || picker.image.status === 'processing') return null;
  return (
    <button
      {...buttonProps('ghost')}
      disabled={field.disabled}
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
export const FrameImagePickerStatus: Part<FrameImagePickerStatusProps, HTMLParagraphElement> = textPart<FieldContextValue<PickerState>, HTMLParagraphElement, 'p'>(
  usePicker,
  'Status',
  'p',
  'frame-image-status',
  ({ state: { image } }, messages) => {
    const text = image.status === 'processing' ? messages.frameImageProcessing : (image.notice ?? '');
    return [text, { 'aria-live': 'polite', 'data-state': text ? 'shown' : 'hidden' }];
  },
);

export type FrameImagePickerProps = FrameImagePickerRootProps;

/** The assembled component, without its parts attached (what the widget renders). */
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
        <PickerError />
        <FrameImagePickerUrl />
      </div>
      <FrameImagePickerStatus />
    </FrameImagePickerRoot>
  );
});

/** The hint: "Drop the image to use it" while a drag hovers, else how to add one (none once there is an image). */
function DropText() {
  const messages = useSeedanceMessages();
  const over = useContext(DragOverContext);
  const { image } = usePicker('Dropzone').state;
  return over || image.status !== 'ready' ? <span data-seedance-part="dropzone-text">{over ? messages.frameImageDropActive : messages.frameImageDrop}</span> : null;
}

/**
 * The error sits with what caused it: under the dropzone for a picked file (it has a name),
 * after the URL field for typed text (`data-source`, placed by styles.css); one element either
 * way, so the live region and aria-describedby stay put.
 */
function PickerError() {
  return <FieldError data-source={usePicker('Error').state.image.fileName ? 'file' : 'text'} />;
}

function DropzoneDefault() {
  return (
    <div data-seedance-part="dropzone-content">
      <FrameImagePickerInfo />
      <DropText />
      <div data-seedance-part="frame-image-actions">
        <FrameImagePickerBrowse />
        <FrameImagePickerRemove />
      </div>
    </div>
  );
}

export const FrameImagePicker = withParts(FrameImagePickerAssembled, {
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
