// The page: log in, load the dashboard, render it. Bundled by esbuild into app.js
// (`npm run example:frontend` builds it, serves it with a local API and drives it in Chromium).
import { createApi, ensureSession, isItem, loadDashboard } from './api';
import { localStorageTokenStore } from './token-store';

const $ = (id: string): HTMLElement => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} missing from index.html`);
  return element;
};

async function main(): Promise<void> {
  const tokens = localStorageTokenStore();
  const api = createApi('/api', tokens, () => ($('status').textContent = 'logged out'));
  await ensureSession(api, tokens);
  const { profile, items } = await loadDashboard(api);
  $('profile').textContent = profile.name;
  if (!Array.isArray(items)) {
    // Only when the 207 rule is off (`multiStatus: false`): the body is then the raw text.
    $('items').textContent = 'batch body not parsed';
  } else {
    for (const part of items) {
      const li = document.createElement('li');
      li.textContent = part.status === 200 && isItem(part.data) ? `${part.status} ${part.data.name}` : `${part.status}`;
      $('items').append(li);
    }
  }
  $('status').textContent = 'ready';
}

main().catch((error: unknown) => {
  console.error(error);
  $('status').textContent = `failed: ${error instanceof Error ? error.message : String(error)}`;
});
