/**
 * Script-tag entry (dist/avara-elements.js, and as one ES module dist/avara-elements.mjs):
 * registers every element, and exports nothing. The classes, events and helpers are exported by
 * the npm modules (src/index.ts); a page without a build needs only the tags.
 */
import './define/provider.js';
import './define/customer-switcher.js';
import './define/study-list.js';
import './define/viewer-frame.js';
