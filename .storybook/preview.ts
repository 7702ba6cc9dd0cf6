import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import '../src/index.js';
import { BRANDS } from '../stories/support/brands.js';
import { loadStoryWorld, renderInProvider, type AvaraLoaded, type AvaraStoryParameters } from '../stories/support/story-world.js';
import './preview.css';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    layout: 'fullscreen',
  },
  globalTypes: {
    theme: {
      description: 'Theme preset',
      toolbar: { title: 'Theme', icon: 'paintbrush', items: ['light', 'dark', 'high-contrast', 'auto'], dynamicTitle: true },
    },
    brand: {
      description: 'Vendor brand',
      toolbar: { title: 'Brand', icon: 'star', items: Object.entries(BRANDS).map(([value, b]) => ({ value, title: b.label })), dynamicTitle: true },
    },
    branding: {
      description: 'Avara mark',
      toolbar: { title: 'Branding', icon: 'eye', items: [{ value: 'avara', title: 'Powered by Avara' }, { value: 'none', title: 'White-label' }], dynamicTitle: true },
    },
    locale: {
      description: 'Locale',
      toolbar: { title: 'Locale', icon: 'globe', items: ['en', 'es', 'de', 'en-GB'], dynamicTitle: true },
    },
    dir: {
      description: 'Text direction',
      toolbar: { title: 'Direction', icon: 'transfer', items: ['ltr', 'rtl'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', brand: 'none', branding: 'avara', locale: 'en', dir: 'ltr' },
  loaders: [async ({ parameters }) => ({ avara: await loadStoryWorld(parameters.avara as AvaraStoryParameters) })],
  decorators: [
    (story, { loaded, globals, parameters }) =>
      renderInProvider(story() as never, loaded.avara as AvaraLoaded, globals, (parameters.avara as AvaraStoryParameters | undefined)?.provider !== false),
  ],
};

export default preview;
