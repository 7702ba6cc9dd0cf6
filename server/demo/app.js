// The demo partner page's own script, as a vendor would write it. It never sees the secret key:
// its server mints widget tokens at POST /demo/token for the signed-in user.
const provider = document.getElementById('avara');
const EVENTS = [
  'avara-token-refreshed',
  'avara-auth-error',
  'avara-customer-change',
  'avara-study-select',
  'avara-load',
  'avara-error',
  'avara-viewer-ready',
  'avara-viewer-error',
];

provider.fetchToken = async () => {
  const res = await fetch('/demo/token', { method: 'POST', credentials: 'same-origin' });
  if (!res.ok) throw new Error(`The demo server refused to mint a token (${res.status}).`);
  return (await res.json()).token;
};

// Theme panel: preset, vendor brand, white-label, locale, direction.
const form = document.getElementById('theme-panel');
let brands = {};
fetch('/demo/brands.json')
  .then((r) => r.json())
  .then((b) => {
    brands = b;
    applyTheme();
  });

function applyTheme() {
  const data = new FormData(form);
  const preset = data.get('preset');
  const brand = brands[data.get('brand')] ?? { label: 'Demo PACS', theme: {} };
  provider.setAttribute('theme-preset', preset);
  provider.theme = brand.theme[preset === 'auto' ? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light') : preset] ?? {};
  provider.setAttribute('branding', data.get('whiteLabel') ? 'none' : 'avara');
  provider.setAttribute('locale', data.get('locale'));
  document.documentElement.dir = data.get('dir');
  document.documentElement.dataset.preset = preset;
  document.getElementById('vendor-name').textContent = data.get('brand') === 'none' ? 'Demo PACS' : brand.label;
  document.documentElement.dataset.brand = data.get('brand');
}
form.addEventListener('change', applyTheme);

// Event log: every avara-* event with a summary of its detail (never a token).
const log = document.getElementById('event-log-list');
const summarize = (name, detail) => {
  if (!detail) return '';
  if (detail.study) return `${detail.study.studyId} ${detail.study.reportMetadata?.patientName ?? ''}`;
  if (detail.error) return `${detail.error.status ?? ''} ${detail.error.code ?? ''} ${detail.error.message ?? ''}`;
  if ('expressCustomerId' in detail) return detail.expressCustomerId || 'all customers';
  return JSON.stringify(detail);
};
for (const name of EVENTS) {
  document.addEventListener(name, (e) => {
    const item = document.createElement('li');
    // Event names and ids read left to right, in a right-to-left page too.
    item.dir = 'ltr';
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString();
    const code = document.createElement('code');
    code.textContent = name;
    const text = document.createElement('span');
    text.textContent = ` ${summarize(name, e.detail)}`;
    item.append(time, ' ', code, text);
    log.prepend(item);
    while (log.children.length > 200) log.lastElementChild.remove();
  });
}
document.getElementById('clear-log').addEventListener('click', () => log.replaceChildren());
