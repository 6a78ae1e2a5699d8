import { render, type RenderOptions } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';

/** Renders a component with a user-event session bound to it. */
export function renderUI(ui: ReactElement, options?: RenderOptions) {
  const user = userEvent.setup();
  return { user, ...render(ui, options) };
}

/** Named keys in user-event's syntax, so tests read like the shortcuts they exercise. */
export const keys = {
  enter: '{Enter}',
  escape: '{Escape}',
  backspace: '{Backspace}',
  left: '{ArrowLeft}',
  right: '{ArrowRight}',
  down: '{ArrowDown}',
  ctrlEnter: '{Control>}{Enter}{/Control}',
} as const;
