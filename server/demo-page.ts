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

export function partnerPage(user: DemoUser): string {
  return layout(
    'Worklist — Demo PACS',
    `<header class="bar">
      <strong>Demo PACS</strong>
      <span>Signed in as ${escapeHtml(user.name)} (${escapeHtml(user.email)}) · <a href="/signout">Sign out</a></span>
    </header>
    <main>
      <h1>Worklist</h1>
      <avara-study-list api-base="/"></avara-study-list>
    </main>
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

/** The partner page's own script: it asks its server for a widget token and hands it to the list. */
export const DEMO_APP_JS = `
const list = document.querySelector('avara-study-list');
async function signIn() {
  const res = await fetch('/demo/token', { method: 'POST' });
  if (!res.ok) throw new Error('The demo server could not mint a widget token.');
  const { token } = await res.json();
  list.token = token;
}
signIn().catch((e) => console.error(e));
`;

export const DEMO_CSS = `
body { margin: 0; font-family: system-ui, sans-serif; background: #f3f4f6; color: #111827; }
.bar { display: flex; justify-content: space-between; padding: 12px 24px; background: #0f2a44; color: #fff; }
.bar a { color: #cfe3ff; }
main { padding: 16px 24px; }
.sign-in ul { list-style: none; padding: 0; }
.sign-in li { margin: 8px 0; }
.sign-in span { color: #4b5563; margin-inline-start: 8px; }
`;
