import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import type { Study, StudyList } from '../../client/api-client.js';
import { AvaraApiError } from '../../client/errors.js';
import type { FetchToken } from '../../client/token-manager.js';
import { customerContext, localeContext } from '../../context/contexts.js';
import { SessionController, isAuthError } from '../../context/session-controller.js';
import { AvaraErrorEvent } from '../../events/error.js';
import { AvaraLoadEvent } from '../../events/load.js';
import { formatCalendarDate } from '../../format/calendar-date.js';
import { pickMessages, resolveLocale } from '../../format/locale.js';
import { formatPersonName } from '../../format/person-name.js';
import { tokenStyles } from '../../theme/tokens.js';
import { messages } from './study-list.messages.js';
import { styles } from './study-list.styles.js';

/**
 * The study worklist: the studies the signed-in user may see, newest scan first.
 *
 * @attr api-base - Base URL of the Avara API (standalone use; inside `<avara-provider>` the provider's).
 * @attr express-customer-id - Show only this customer's studies; inside a provider, follows its selected customer.
 * @attr locale - BCP 47 locale; defaults to the provider's, then the page's `lang`.
 * @fires avara-load - A page of studies arrived; `detail.count` rows are loaded.
 * @fires avara-error - Loading failed; `detail.error` has the API's status, type, code and message.
 * @csspart table - The table of studies.
 * @csspart status - The loading, empty and error messages.
 */
export class AvaraStudyList extends LitElement {
  static override styles = [tokenStyles, styles];

  @property({ attribute: 'api-base' }) apiBase = '';
  /** A widget token minted by the host's server (standalone use). Never put it in a URL. */
  @property({ attribute: false }) token = '';
  /** Standalone use: called for a new token at start, before expiry and after a 401. */
  @property({ attribute: false }) fetchToken: FetchToken | undefined;
  @property({ attribute: 'express-customer-id' }) expressCustomerId = '';
  @property() locale = '';

  @consume({ context: customerContext, subscribe: true })
  private providedCustomerId: string | undefined;
  @consume({ context: localeContext, subscribe: true })
  private providedLocale: string | undefined;

  private readonly session = new SessionController(this);

  private readonly studiesTask = new Task(this, {
    args: () => [this.session.client, this.expressCustomerId || this.providedCustomerId || ''] as const,
    task: async ([client, expressCustomerId], { signal }) => {
      if (!client) return initialState;
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

  private get locale_(): string {
    return resolveLocale(this, this.locale, this.providedLocale);
  }

  override render() {
    const t = pickMessages(messages, this.locale_);
    return this.studiesTask.render({
      initial: () => html`<p class="status" part="status">${t.loading}</p>`,
      pending: () => html`<p class="status" part="status" role="status">${t.loading}</p>`,
      error: (e) => {
        const auth = isAuthError(e);
        return html`<div class="status" part="status" role="alert">
          ${auth ? t.authError : t.errorTitle}
          ${auth ? nothing : html`<button type="button" @click=${() => this.refresh()}>${t.retry}</button>`}
        </div>`;
      },
      complete: (page: StudyList) =>
        page.studies.length === 0 ? html`<p class="status" part="status">${t.empty}</p>` : this.renderTable(page.studies),
    });
  }

  private renderTable(studies: Study[]) {
    const t = pickMessages(messages, this.locale_);
    const locale = this.locale_;
    return html`<table part="table" aria-label=${t.studies}>
      <thead>
        <tr>
          <th scope="col">${t.patient}</th>
          <th scope="col">${t.description}</th>
          <th scope="col">${t.scanDate}</th>
          <th scope="col">${t.severity}</th>
        </tr>
      </thead>
      <tbody>
        ${studies.map((s) => {
          const name = formatPersonName(s.reportMetadata.patientName);
          return html`<tr data-study-id=${s.studyId}>
            <td>${name || html`<span class="muted">${t.noName}</span>`}</td>
            <td>${s.studyDescription}</td>
            <td>${formatCalendarDate(s.reportMetadata.scanDate, locale)}</td>
            <td class="severity-${s.severity}">${s.severity === 'high' ? t.severityHigh : t.severityNormal}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}
