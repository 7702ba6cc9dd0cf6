/**
 * Candidate: `<avara-study-list>` standalone, through its public surface only (`api-base`,
 * `columns`, `page-size`, `no-search`, `no-filters`, the `token` property); the locale is the page's `lang`. It pages `GET /v1/studies` with its own API client.
 */
import '../../../src/define/study-list.js';
import { app, config } from '../shared/config.js';

const list = document.createElement('avara-study-list');
list.setAttribute('api-base', config.apiBase);
list.setAttribute('columns', 'patientName,studyDescription,scanDate,severity');
list.setAttribute('page-size', String(config.pageSize));
// The peers have no search box or filters: without ours, all three show the same rows area.
list.toggleAttribute('no-search', true);
list.toggleAttribute('no-filters', true);
list.token = config.token;
app.append(list);
