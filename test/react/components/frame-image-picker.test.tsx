import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspectFrameImage } from '@seedance-kit/core';
import { FrameImagePicker } from '@seedance-kit/react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

// jsdom gives import.meta.url an http origin; the folder is found from this file's path instead.
const FIXTURES = fileURLToPath(new URL('../../fixtures/images/', `file://${__filename}`));
const fixture = (name: string, type: string) => new File([readFileSync(`${FIXTURES}${name}`)], name, { type });
const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement;
const group = () => screen.getByRole('group', { name: /First frame image/ });

describe('FrameImagePicker', () => {
  it('is a labelled group whose Browse button and URL field carry the spec’s rules', () => {
    render(<FrameImagePicker />);
    expect(group()).toHaveAttribute('data-state', 'empty');
    const browse = screen.getByRole('button', { name: 'Choose a file' });
    expect(browse).toHaveAccessibleDescription('PNG, JPEG, WEBP; sides 300–6000 px; up to 10 MB. Large photos are scaled down first.');
    expect(screen.getByRole('textbox', { name: 'Image URL' })).toBeInTheDocument();
    expect(fileInput()).toHaveAttribute('accept', 'image/png,image/jpeg,image/webp');
  });

  it('turns a picked JPEG into a data URI that core accepts, with a preview and its sides', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<FrameImagePicker onValueChange={onValueChange} />);
    await user.upload(fileInput(), fixture('frame-640x360.jpg', 'image/jpeg'));
    await waitFor(() => expect(group()).toHaveAttribute('data-state', 'ready'));
    const value = onValueChange.mock.lastCall?.[0] as string;
    expect(value.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(inspectFrameImage(value)).toMatchObject({ width: 640, height: 360, issues: [] });
    expect(screen.getByRole('img', { name: 'First frame preview' })).toHaveAttribute('src', value);
    expect(group()).toHaveTextContent('frame-640x360.jpg · 640×360 px, 12 KB');
  });

  it('uses the type the bytes show, whatever the file claims', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<FrameImagePicker onValueChange={onValueChange} />);
    await user.upload(fileInput(), fixture('frame-640x360.png', 'image/jpeg'));
    await waitFor(() => expect(onValueChange).toHaveBeenCalled());
    expect(String(onValueChange.mock.lastCall?.[0]).startsWith('data:image/png;base64,')).toBe(true);
  });

  it('refuses a side under the minimum with core’s message tied to the Browse button', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<FrameImagePicker onValueChange={onValueChange} />);
    await user.upload(fileInput(), fixture('small-299x400.png', 'image/png'));
    await waitFor(() => expect(group()).toHaveAttribute('data-state', 'invalid'));
    expect(group()).toHaveAttribute('data-invalid', '');
    expect(screen.getByRole('button', { name: 'Choose a file' })).toHaveAccessibleDescription(
      /First frame image sides must be at least 300 px \(this one is 299×400\)\./,
    );
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
    expect(onValueChange).not.toHaveBeenCalledWith(expect.any(String));
  });

  it('refuses a type the model does not take', async () => {
    render(<FrameImagePicker />);
    // Dropped files skip the input's accept filter.
    fireEvent.drop(screen.getByText('Drop or paste an image here, or').closest('[data-seedance-part="dropzone"]') as Element, {
      dataTransfer: { files: [fixture('other-320x240.gif', 'image/gif')], types: ['Files'] },
    });
    await waitFor(() => expect(screen.getByText(/must be PNG, JPEG or WEBP \(got image\/gif\)/)).toBeInTheDocument());
  });

  it('takes a pasted image, and only the first of several, saying so', async () => {
    render(<FrameImagePicker />);
    fireEvent.paste(screen.getByRole('button', { name: 'Choose a file' }), {
      clipboardData: { files: [fixture('frame-640x360-vp8.webp', 'image/webp'), fixture('frame-640x360.png', 'image/png')], types: ['Files'] },
    });
    await waitFor(() => expect(group()).toHaveAttribute('data-state', 'ready'));
    expect(screen.getByText('Only one image can be used; the first one was taken.')).toBeInTheDocument();
    expect(screen.getByRole('img')).toHaveAttribute('src', expect.stringMatching(/^data:image\/webp;base64,/));
  });

  it('takes a URL from the field with Enter, and refuses text that is no image form', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<FrameImagePicker onValueChange={onValueChange} />);
    const url = screen.getByRole('textbox', { name: 'Image URL' });
    await user.type(url, 'photos/cat{Enter}');
    expect(group()).toHaveAttribute('data-state', 'invalid');
    expect(url).toHaveAccessibleDescription(/must be an image UUID, an http\(s\) URL, a data URI or base64 image data/);
    await user.clear(url);
    await user.type(url, ' https://images.example/frame.png ');
    await user.click(screen.getByRole('button', { name: 'Use URL' }));
    expect(onValueChange).toHaveBeenLastCalledWith('https://images.example/frame.png');
    expect(group()).toHaveAttribute('data-state', 'ready');
    expect(screen.getByRole('img')).toHaveAttribute('src', 'https://images.example/frame.png');
  });

  it('removes the image and returns focus to Browse', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<FrameImagePicker defaultValue="https://images.example/frame.png" onValueChange={onValueChange} />);
    expect(group()).toHaveAttribute('data-state', 'ready');
    await user.click(screen.getByRole('button', { name: 'Remove image' }));
    expect(onValueChange).toHaveBeenLastCalledWith(undefined);
    expect(group()).toHaveAttribute('data-state', 'empty');
    expect(screen.getByRole('button', { name: 'Choose a file' })).toHaveFocus();
  });

  it('is controlled with undefined meaning “no image”', async () => {
    const user = userEvent.setup();
    function Controlled() {
      const [value, setValue] = useState<string | undefined>(undefined);
      return (
        <>
          <FrameImagePicker value={value} onValueChange={setValue} />
          <button type="button" onClick={() => setValue(undefined)}>
            Reset form
          </button>
        </>
      );
    }
    render(<Controlled />);
    await user.upload(fileInput(), fixture('frame-640x360.jpg', 'image/jpeg'));
    await waitFor(() => expect(group()).toHaveAttribute('data-state', 'ready'));
    await user.click(screen.getByRole('button', { name: 'Reset form' }));
    expect(group()).toHaveAttribute('data-state', 'empty');
  });

  it('shows an error from the form when it has none of its own', () => {
    render(<FrameImagePicker error="From the form" />);
    expect(screen.getByRole('button', { name: 'Choose a file' })).toHaveAccessibleDescription(/From the form/);
  });
  it('says a text file named .png could not be read as an image, next to the file chooser', async () => {
    const user = userEvent.setup();
    render(<FrameImagePicker />);
    await user.upload(fileInput(), new File(['just some notes, not pixels'], 'notes.png', { type: 'image/png' }));
    await waitFor(() => expect(group()).toHaveAttribute('data-state', 'invalid'));
    const error = screen.getByText('This file could not be read as an image.');
    expect(screen.getByRole('button', { name: 'Choose a file' })).toHaveAccessibleDescription(/This file could not be read as an image\./);
    expect(group()).not.toHaveTextContent(/must be an image UUID/);
    // A file's error belongs with the chooser: it sits before the URL field, marked as the file's.
    const url = screen.getByRole('textbox', { name: 'Image URL' });
    expect(error).toHaveAttribute('data-source', 'file');
    expect(error.compareDocumentPosition(url) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(url).not.toHaveAttribute('aria-invalid');
  });

  it('marks a typed URL’s error as the URL field’s', async () => {
    const user = userEvent.setup();
    render(<FrameImagePicker />);
    const url = screen.getByRole('textbox', { name: 'Image URL' });
    await user.type(url, 'photos/cat{Enter}');
    expect(screen.getByText(/must be an image UUID/)).toHaveAttribute('data-source', 'text');
    expect(url).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the drop hint while files are dragged over the dropzone', () => {
    render(<FrameImagePicker />);
    const dropzone = screen.getByText('Drop or paste an image here, or').closest('[data-seedance-part="dropzone"]') as Element;
    fireEvent.dragEnter(dropzone, { dataTransfer: { types: ['Files'] } });
    expect(dropzone).toHaveAttribute('data-state', 'over');
    expect(screen.getByText('Drop the image to use it')).toBeInTheDocument();
    expect(screen.queryByText('Drop or paste an image here, or')).not.toBeInTheDocument();
    fireEvent.dragLeave(dropzone, { relatedTarget: document.body });
    expect(dropzone).toHaveAttribute('data-state', 'idle');
    expect(screen.getByText('Drop or paste an image here, or')).toBeInTheDocument();
  });
});
