import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { AvaraStoryParameters } from './support/story-world.js';

const avara = (p: AvaraStoryParameters) => ({ avara: p });

const meta: Meta = {
  title: 'Elements/Customer switcher',
  component: 'avara-customer-switcher',
  render: () => html`<avara-customer-switcher include-all></avara-customer-switcher>`,
  parameters: avara({ world: 'demo', user: 'ana' }),
};
export default meta;
type Story = StoryObj;

/** Ben belongs to one customer: a plain label, nothing to pick. */
export const OneCustomer: Story = { parameters: avara({ user: 'ben', settled: '.value' }) };

/** Ana belongs to two customers: a picker (select-only combobox) with "All customers". */
export const SeveralCustomers: Story = { parameters: avara({ settled: 'div[role="combobox"]' }) };

/** A platform admin over 300 customers: a search box that asks the server as they type. */
export const AdminWithHundreds: Story = { parameters: avara({ world: 'many-customers', user: 'admin', settled: 'input[role="combobox"]' }) };

/** While the customers are on their way. */
export const Loading: Story = { parameters: avara({ failure: 'pending', settled: '[role="status"]' }) };

/** The host's fetchToken fails: an authentication error, with a retry button as the provider can try again. */
export const AuthError: Story = { parameters: avara({ failure: 'auth', settled: '[role="alert"]' }) };

/** Next to the study list, which follows the pick. */
export const WithStudyList: Story = {
  parameters: avara({ settled: 'div[role="combobox"], [role="grid"] [data-study-id]' }),
  render: () => html`<avara-customer-switcher include-all></avara-customer-switcher>
    <avara-study-list style="height: 420px; margin-top: 8px"></avara-study-list>`,
};
