import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // stories/static/ at the same relative path as in the story tests (the viewer stand-in).
  staticDirs: ['./public', { from: '../stories/static', to: '/stories/static' }],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
};

export default config;
