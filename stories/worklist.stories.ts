import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { AvaraStoryParameters } from './support/story-world.js';

const avara = (p: AvaraStoryParameters) => ({ avara: p });

/** The elements together, as a vendor's worklist page lays them out. */
const meta: Meta = {
  title: 'Pages/Worklist',
  component: 'avara-provider',
  render: () => html`<avara-study-list></avara-study-list>`,
  parameters: avara({ world: 'demo', user: 'ana' }),
};
export default meta;
type Story = StoryObj;

export const Member: Story = {};
export const PlatformAdmin: Story = { parameters: avara({ user: 'admin' }) };
