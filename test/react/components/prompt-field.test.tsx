import { seedanceProFast } from '@seedance-kit/core';
import { PromptField, SeedanceMessagesProvider } from '@seedance-kit/react';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(cleanup);

const { minLength, maxLength } = seedanceProFast.positivePrompt;

describe('PromptField', () => {
  it('is a labelled, required textarea described by its help text and counter', () => {
    render(<PromptField />);
    const input = screen.getByRole('textbox', { name: 'Prompt' });
    expect(input).toBeRequired();
    expect(input).toHaveAccessibleDescription(/Describe the scene.*0 of 3000 characters used/);
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('counts code points as core does, uncontrolled', async () => {
    const user = userEvent.setup();
    const onValueChange = vi.fn();
    render(<PromptField onValueChange={onValueChange} />);
    await user.type(screen.getByRole('textbox'), 'ab😀');
    expect(onValueChange).toHaveBeenLastCalledWith('ab😀');
    expect(screen.getByText(`3 / ${maxLength}`)).toBeInTheDocument();
    expect(screen.getByText(`3 of ${maxLength} characters used`)).toBeInTheDocument();
  });

  it('follows a controlled value', async () => {
    const user = userEvent.setup();
    function Controlled() {
      const [value, setValue] = useState('start');
      return (
        <>
          <PromptField value={value} onValueChange={(next) => setValue(next.toUpperCase())} />
          <output>{value}</output>
        </>
      );
    }
    render(<Controlled />);
    const input = screen.getByRole('textbox');
    await user.type(input, 'x');
    expect(input).toHaveValue('STARTX');
    expect(screen.getByRole('status')).toHaveTextContent('STARTX');
  });

  it('validates itself after blur with core’s message and ties the error to the textarea', async () => {
    const user = userEvent.setup();
    render(<PromptField />);
    const input = screen.getByRole('textbox');
    await user.type(input, 'a');
    expect(input).not.toHaveAttribute('aria-invalid');
    await user.tab();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(new RegExp(`Prompt must be at least ${minLength} characters \\(now 1\\)`));
    expect(input.closest('[data-seedance-part="prompt-field"]')).toHaveAttribute('data-invalid', '');
  });

  it('shows an over-limit error at once, without waiting for blur', () => {
    render(<PromptField defaultValue={'x'.repeat(maxLength + 1)} />);
    expect(screen.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(`Prompt must be at most ${maxLength} characters (now ${maxLength + 1}).`)).toBeInTheDocument();
    expect(screen.getByText(`${maxLength + 1} / ${maxLength}`).parentElement).toHaveAttribute('data-state', 'over');
  });

  it('shows the error it is given and none when given null', () => {
    const { rerender } = render(<PromptField defaultValue="a" error="From the form" />);
    expect(screen.getByRole('textbox')).toHaveAccessibleDescription(/From the form/);
    rerender(<PromptField defaultValue={'x'.repeat(maxLength + 5)} error={null} />);
    expect(screen.getByRole('textbox')).not.toHaveAttribute('aria-invalid');
  });

  it('submits on Ctrl+Enter and ⌘+Enter, not on Enter', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    render(<PromptField onSubmit={onSubmit} />);
    const input = screen.getByRole('textbox');
    await user.type(input, 'a dancer{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    expect(onSubmit).toHaveBeenCalledTimes(2);
    expect(input).toHaveAccessibleDescription(/Ctrl\+Enter/);
  });

  it('submits its form on Ctrl+Enter when no onSubmit is given', async () => {
    const user = userEvent.setup();
    const onFormSubmit = vi.fn((event: SubmitEvent) => event.preventDefault());
    render(
      <form onSubmit={(event) => onFormSubmit(event.nativeEvent as SubmitEvent)}>
        <PromptField name="positivePrompt" />
      </form>,
    );
    await user.type(screen.getByRole('textbox'), 'ok{Control>}{Enter}{/Control}');
    expect(onFormSubmit).toHaveBeenCalledTimes(1);
  });

  it('takes its strings from the messages provider', () => {
    render(
      <SeedanceMessagesProvider messages={{ promptLabel: 'Beschreibung', promptCounter: (c, m) => `${c} von ${m}` }}>
        <PromptField />
      </SeedanceMessagesProvider>,
    );
    expect(screen.getByRole('textbox', { name: 'Beschreibung' })).toBeInTheDocument();
    expect(screen.getByText(`0 von ${maxLength}`)).toBeInTheDocument();
  });

  it('renders a custom anatomy from its parts, with asChild', () => {
    render(
      <PromptField.Root defaultValue="hi" disabled>
        <PromptField.Label asChild>
          <label htmlFor="ignored">Own label</label>
        </PromptField.Label>
        <PromptField.Input className="mine" />
      </PromptField.Root>,
    );
    const input = screen.getByRole('textbox');
    expect(input).toBeDisabled();
    expect(input).toHaveClass('mine');
    expect(input).toHaveAttribute('data-disabled', '');
  });
});
