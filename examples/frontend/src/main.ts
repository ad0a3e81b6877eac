// The page: log in, load the dashboard, render it. Bundled by esbuild into app.js.
import { createApi, ensureSession, loadDashboard } from './api';
import { localStorageTokenStore } from './token-store';

const $ = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;

async function main(): Promise<void> {
  const tokens = localStorageTokenStore();
  const api = createApi('/api', tokens, () => ($('status').textContent = 'logged out'));
  await ensureSession(api, tokens);
  const { profile, items } = await loadDashboard(api);
  $('profile').textContent = profile.name;
  if (typeof items === 'string') {
    $('items').textContent = 'batch body not parsed';
  } else {
    for (const part of items) {
      const li = document.createElement('li');
      li.textContent = part.status === 200 ? `${part.status} ${part.data.name}` : `${part.status}`;
      $('items').append(li);
    }
  }
  $('status').textContent = 'ready';
}

main().catch((error: unknown) => {
  console.error(error);
  $('status').textContent = `failed: ${(error as Error).message}`;
});
