/**
 * Candidate for the customer switch: `<avara-study-list>` inside `<avara-provider>`, which shares
 * one token and client and passes the selected customer down. The harness switches the customer
 * by dispatching `avara-customer-change` on a child of the provider, as `<avara-customer-switcher>` does.
 */
import '../../../src/define/provider.js';
import '../../../src/define/study-list.js';
import { app, config } from '../shared/config.js';

const provider = document.createElement('avara-provider');
provider.setAttribute('api-base', config.apiBase);
provider.setAttribute('locale', config.locale);
provider.setAttribute('branding', 'none');
provider.token = config.token;
provider.style.cssText = 'display:flex;flex-direction:column;min-height:0';
const list = document.createElement('avara-study-list');
list.setAttribute('columns', 'patientName,studyDescription,scanDate,severity');
list.setAttribute('page-size', String(config.pageSize));
// The peers have no search box or filters: without ours, all three show the same rows area.
list.toggleAttribute('no-search', true);
list.toggleAttribute('no-filters', true);
list.style.cssText = 'flex:1 1 auto;min-height:0';
provider.append(list);
app.append(provider);
