import type { ProviderMessages } from '../elements/provider/provider.messages.js';
import type { CustomerSwitcherMessages } from '../elements/customer-switcher/customer-switcher.messages.js';
import type { StudyListMessages } from '../elements/study-list/study-list.messages.js';
import type { ViewerFrameMessages } from '../elements/viewer-frame/viewer-frame.messages.js';

/** One language's strings for every element, keyed by element. */
export interface Catalog {
  provider: ProviderMessages;
  customerSwitcher: CustomerSwitcherMessages;
  studyList: StudyListMessages;
  viewerFrame: ViewerFrameMessages;
}
