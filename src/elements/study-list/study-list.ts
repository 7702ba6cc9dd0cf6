import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { Task, initialState } from '@lit/task';
import { ApiClient, type Study, type StudyList } from '../../client/api-client.js';
import { AvaraApiError } from '../../client/errors.js';
import { AvaraErrorEvent } from '../../events/error.js';
import { AvaraLoadEvent } from '../../events/load.js';
import { formatCalendarDate } from '../../format/calendar-date.js';
import { en } from '../../format/messages.js';
import { formatPersonName } from '../../format/person-name.js';
import { styles } from './study-list.styles.js';

/**
 * The study worklist: the studies the signed-in user may see, newest scan first.
 *
 * @attr api-base - Base URL of the Avara API.
 * @attr express-customer-id - Show only this customer's studies.
 * @fires avara-load - A page of studies arrived; `detail.count` rows are loaded.
 * @fires avara-error - Loading failed; `detail.error` has the API's status, type, code and message.
 * @csspart table - The table of studies.
 * @csspart status - The loading, empty and error messages.
 */
export class AvaraStudyList extends LitElement {
  static override styles = styles;

  /** Base URL of the Avara API, e.g. `https://api.avara.example`. */
  @property({ attribute: 'api-base' }) apiBase = '';

  /** A widget token minted by the host's server. Never put it in a URL. */
  @property({ attribute: false }) token = '';

  /** Show only this customer's studies (one of the user's customers). */
  @property({ attribute: 'express-customer-id' }) expressCustomerId = '';

  /** The locale for dates; defaults to the document's. */
  @property() locale = '';

  private readonly studiesTask = new Task(this, {
    args: () => [this.apiBase, this.token, this.expressCustomerId] as const,
    task: async ([apiBase, token, expressCustomerId], { signal }) => {
      if (!apiBase || !token) return initialState;
      const client = new ApiClient(apiBase, () => token);
      try {
        const page = await client.listStudies({ expressCustomerId: expressCustomerId || undefined }, signal);
        this.dispatchEvent(new AvaraLoadEvent({ count: page.studies.length }));
        return page;
      } catch (e) {
        if (e instanceof AvaraApiError) this.dispatchEvent(new AvaraErrorEvent({ error: e }));
        throw e;
      }
    },
  });

  /** Loads the list again with the current settings. */
  refresh(): Promise<unknown> {
    return this.studiesTask.run();
  }

  private get resolvedLocale(): string | undefined {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || undefined;
  }

  override render() {
    return this.studiesTask.render({
      initial: () => html`<p class="status" part="status">${en.loading}</p>`,
      pending: () => html`<p class="status" part="status" role="status">${en.loading}</p>`,
      error: (e) => this.renderError(e),
      complete: (page: StudyList) => (page.studies.length === 0 ? html`<p class="status" part="status">${en.empty}</p>` : this.renderTable(page.studies)),
    });
  }

  private renderError(e: unknown) {
    const auth = e instanceof AvaraApiError && e.isAuthError;
    return html`<div class="status" part="status" role="alert">
      ${auth ? en.authError : en.errorTitle}
      ${auth ? nothing : html`<button type="button" @click=${() => this.refresh()}>${en.retry}</button>`}
    </div>`;
  }

  private renderTable(studies: Study[]) {
    const locale = this.resolvedLocale;
    return html`<table part="table" aria-label=${en.studies}>
      <thead>
        <tr>
          <th scope="col">${en.patient}</th>
          <th scope="col">${en.description}</th>
          <th scope="col">${en.scanDate}</th>
          <th scope="col">${en.severity}</th>
        </tr>
      </thead>
      <tbody>
        ${studies.map((s) => {
          const name = formatPersonName(s.reportMetadata.patientName);
          return html`<tr data-study-id=${s.studyId}>
            <td>${name || html`<span class="muted">${en.noName}</span>`}</td>
            <td>${s.studyDescription}</td>
            <td>${formatCalendarDate(s.reportMetadata.scanDate, locale)}</td>
            <td class="severity-${s.severity}">${s.severity === 'high' ? en.severityHigh : en.severityNormal}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}
