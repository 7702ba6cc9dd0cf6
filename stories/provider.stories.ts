import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { AvaraStoryParameters } from './support/story-world.js';

const avara = (p: AvaraStoryParameters) => ({ avara: p });

const meta: Meta = {
  title: 'Elements/Provider',
  component: 'avara-provider',
  render: () => html`<avara-customer-switcher include-all></avara-customer-switcher>
    <avara-study-list style="height: 420px; margin-top: 8px"></avara-study-list>`,
  // A JSDoc comment on `meta` would make Storybook's docs replace these parameters: the description goes here.
  parameters: { ...avara({ world: 'demo', user: 'ana' }), docs: { description: { component: 'The provider shares one token, API client, selected customer and theme with the elements inside it.' } } },
};
export default meta;
type Story = StoryObj;

/** One fetchToken call at start serves both elements. */
export const SharedToken: Story = { parameters: avara({ settled: 'div[role="combobox"], [role="grid"] [data-study-id]' }) };

/**
 * The first token has already expired when fetchToken hands it over (as after a laptop slept):
 * the API refuses it, the provider fetches another once, and both elements load, without an
 * authentication error.
 */
export const ExpiredTokenRefreshed: Story = {
  parameters: avara({ firstTokenExpired: true, settled: 'div[role="combobox"], [role="grid"] [data-study-id]' }),
};
