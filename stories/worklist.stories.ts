import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { AvaraStoryParameters } from './support/story-world.js';

const avara = (p: AvaraStoryParameters) => ({ avara: p });

const meta: Meta = {
  title: 'Pages/Worklist',
  component: 'avara-provider',
  render: () => html`<avara-study-list></avara-study-list>`,
  // A JSDoc comment on `meta` would make Storybook's docs replace these parameters: the description goes here.
  parameters: { ...avara({ world: 'demo', user: 'ana' }), docs: { description: { component: "The elements together, as a vendor's worklist page lays them out." } } },
};
export default meta;
type Story = StoryObj;

export const Member: Story = {};
export const PlatformAdmin: Story = { parameters: avara({ user: 'admin' }) };
