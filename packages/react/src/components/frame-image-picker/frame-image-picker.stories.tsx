import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { canvasImageFile } from '../internal/story-images.js';
import { FrameImagePicker } from './frame-image-picker.js';

const meta = {
  title: 'Parts/FrameImagePicker',
  component: FrameImagePicker,
  args: { onValueChange: fn() },
} satisfies Meta<typeof FrameImagePicker>;
export default meta;
type Story = StoryObj<typeof meta>;

const fileInput = (root: HTMLElement) => root.querySelector('input[type="file"]') as HTMLInputElement;

export const Empty: Story = {};

/** A URL (served by Storybook here) with its preview and the sides the browser found. */
export const FromUrl: Story = {
  args: { defaultValue: `${window.location.origin}/samples/frame-640x360.jpg` },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('img', { name: 'First frame preview' })).toBeVisible();
    await expect(await canvas.findByText(/640×360 px/)).toBeInTheDocument();
  },
};

export const Disabled: Story = { args: { disabled: true } };

/** Browse → a JPEG within bounds: used as is, previewed. */
export const PickAFile: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), await canvasImageFile(1280, 720));
    await expect(await canvas.findByRole('img', { name: 'First frame preview' })).toBeVisible();
    await waitFor(() => expect(args.onValueChange).toHaveBeenCalledWith(expect.stringMatching(/^data:image\/jpeg;base64,/)));
    await expect(canvas.getByRole('button', { name: 'Remove image' })).toBeInTheDocument();
  },
};

/** A 4000×3000 photo is scaled down to the largest side the model outputs before use. */
export const LargePhotoScaledDown: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), await canvasImageFile(4000, 3000));
    await expect(await canvas.findByText(/Scaled down from 4000×3000 to 2176×1632 px/, undefined, { timeout: 10_000 })).toBeInTheDocument();
  },
};

/** Too small: core's message, tied to the Browse button; Remove clears it and focuses Browse. */
export const TooSmall: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), await canvasImageFile(280, 400, 'image/png'));
    const browse = canvas.getByRole('button', { name: 'Choose a file' });
    await waitFor(() => expect(browse).toHaveAccessibleDescription(/sides must be at least 300 px \(this one is 280×400\)/));
    await userEvent.click(canvas.getByRole('button', { name: 'Remove image' }));
    await expect(browse).toHaveFocus();
  },
};

/** Text that is no image form is refused with core's wording. */
export const BadUrl: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Image URL' }), 'photos/cat{Enter}');
    await expect(canvas.getByText(/must be an image UUID, an http\(s\) URL, a data URI or base64 image data/)).toBeInTheDocument();
  },
};

export const TooSmallDark: Story = { ...TooSmall, globals: { theme: 'dark' } };

/** Files dragged over the dropzone: it lights up and says "Drop the image to use it". */
export const DraggingOver: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const dropzone = canvasElement.querySelector('[data-seedance-part="dropzone"]') as HTMLElement;
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(await canvasImageFile(640, 360, 'image/png', 'frame.png'));
    dropzone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer }));
    await expect(await canvas.findByText('Drop the image to use it')).toBeVisible();
    await expect(dropzone).toHaveAttribute('data-state', 'over');
  },
};

/** A text file named .png: "could not be read as an image", under the file chooser, not the URL field. */
export const NotAnImage: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.upload(fileInput(canvasElement), new File(['meeting notes'], 'notes.png', { type: 'image/png' }));
    const error = await canvas.findByText('This file could not be read as an image.');
    const dropzone = canvasElement.querySelector('[data-seedance-part="dropzone"]') as HTMLElement;
    const url = canvas.getByRole('textbox', { name: 'Image URL' });
    // Shown between the dropzone and the URL field.
    await expect(error.getBoundingClientRect().top).toBeGreaterThanOrEqual(dropzone.getBoundingClientRect().bottom);
    await expect(error.getBoundingClientRect().bottom).toBeLessThanOrEqual(url.getBoundingClientRect().top);
  },
};
