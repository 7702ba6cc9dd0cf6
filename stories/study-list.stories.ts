import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { AvaraLoaded, AvaraStoryParameters } from './support/story-world.js';

const avara = (p: AvaraStoryParameters) => ({ avara: p });

const meta: Meta = {
  title: 'Elements/Study list',
  component: 'avara-study-list',
  render: () => html`<avara-study-list></avara-study-list>`,
  parameters: avara({ world: 'demo', user: 'ben' }),
};
export default meta;
type Story = StoryObj;

/** Ben belongs to one customer: he sees its studies, newest scan first. */
export const OneCustomer: Story = {};

/** Ana belongs to two customers and sees both. */
export const TwoCustomers: Story = { parameters: avara({ user: 'ana' }) };

/** A platform admin sees every study, unattached ones and a deactivated customer's included. */
export const Admin: Story = { parameters: avara({ user: 'admin' }) };

/** While the first page is on its way. */
export const Loading: Story = { parameters: avara({ failure: 'pending' }) };

/** A user with no studies. */
export const Empty: Story = { parameters: avara({ world: 'empty' }) };

/** The API cannot be reached: an error with a retry button. */
export const NetworkError: Story = { parameters: avara({ failure: 'network' }) };

/** The host's fetchToken fails: an authentication error, never "No studies". */
export const AuthError: Story = { parameters: avara({ failure: 'auth' }) };

/** Tokens live 5 seconds: the provider refreshes them before they expire and the list keeps working. */
export const ShortLivedTokens: Story = { parameters: avara({ ttlSeconds: 5 }) };

/** 10,000 studies, scrolled through cursor pages. */
export const TenThousandStudies: Story = { parameters: avara({ world: 'thousands', user: 'admin' }) };

/** Markup, script URLs and template syntax in every field render as text; long descriptions stay readable. */
export const HostileAndLongStrings: Story = { parameters: avara({ world: 'hostile' }) };

/** Without a provider: the element takes api-base and a fetchToken of its own. */
export const Standalone: Story = {
  parameters: avara({ provider: false }),
  render: (_args, { loaded }) => {
    const { apiBase, fetchToken } = loaded.avara as AvaraLoaded;
    return html`<avara-study-list api-base=${apiBase} .fetchToken=${fetchToken}></avara-study-list>`;
  },
};
