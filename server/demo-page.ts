/** The demo partner page: plays the vendor's PACS, which embeds Avara Elements. */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface DemoUser {
  email: string;
  name: string;
  role: string;
}

export function signInPage(users: DemoUser[]): string {
  return layout(
    'Sign in — Demo PACS',
    `<main class="sign-in">
      <h1>Demo PACS</h1>
      <p>Choose a demo user. (This stands in for the vendor's own login.)</p>
      <ul>${users
        .map(
          (u) =>
            `<li><a href="/?user=${encodeURIComponent(u.email)}">${escapeHtml(u.name)}</a> <span>${escapeHtml(u.email)} · ${escapeHtml(u.role)}</span></li>`,
        )
        .join('')}</ul>
    </main>`,
  );
}

export function partnerPage(user: DemoUser, o: { apiBase: string; viewerUrl: string }): string {
  return layout(
    'Worklist — Demo PACS',
    `<header class="bar">
      <div class="brand"><span class="logo" aria-hidden="true"></span><strong id="vendor-name">Demo PACS</strong></div>
      <span>Signed in as ${escapeHtml(user.name)} (${escapeHtml(user.email)}) · <a href="/signout">Sign out</a></span>
    </header>
    <avara-provider id="avara" api-base="${escapeHtml(o.apiBase)}" theme-preset="light" branding="avara" locale="en">
      <main class="layout">
        <section class="worklist" aria-labelledby="worklist-heading">
          <div class="worklist-head">
            <h1 id="worklist-heading">Worklist</h1>
            <avara-customer-switcher include-all persist></avara-customer-switcher>
          </div>
          <avara-study-list selectable></avara-study-list>
        </section>
        <section class="viewer" aria-label="Viewer">
          <avara-viewer-frame viewer-url="${escapeHtml(o.viewerUrl)}"></avara-viewer-frame>
        </section>
      </main>
    </avara-provider>
    <div class="panels">
      <section class="panel" aria-labelledby="theme-heading">
        <h2 id="theme-heading">Look and feel</h2>
        <form id="theme-panel">
          <label>Preset
            <select name="preset"><option value="light">Light</option><option value="dark">Dark</option><option value="high-contrast">High contrast</option><option value="auto">Auto</option></select>
          </label>
          <label>Vendor brand
            <select name="brand"><option value="none">Demo PACS (default)</option><option value="northwind">Northwind PACS</option><option value="helix">Helix RIS</option></select>
          </label>
          <label>Language
            <select name="locale"><option value="en">English</option><option value="es">Español</option><option value="de">Deutsch</option><option value="en-GB">English (UK)</option></select>
          </label>
          <label>Direction
            <select name="dir"><option value="ltr">Left to right</option><option value="rtl">Right to left</option></select>
          </label>
          <label class="check"><input type="checkbox" name="whiteLabel"> White-label (hide “Powered by Avara”)</label>
        </form>
      </section>
      <section class="panel" aria-labelledby="log-heading">
        <div class="log-head"><h2 id="log-heading">Events</h2><button type="button" id="clear-log">Clear</button></div>
        <ol id="event-log-list" aria-live="off"></ol>
      </section>
    </div>
    <script src="/assets/avara-elements.js"></script>
    <script src="/demo/app.js"></script>`,
  );
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="/demo/demo.css">
</head>
<body>
${body}
</body>
</html>`;
}
