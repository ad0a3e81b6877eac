// What each tab of the tabs suite loads (tabs.test.ts): axios's browser build, the built package
// and its `axios-status-policy/tabs` entry, and scenario steps the test drives page by page.
// Bundled by esbuild in harness.ts (src/ is mapped to dist/, the browser build); never run by Node.
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import * as lib from '../../src';
import type { Coordinator } from '../../src';
import { tabsCoordinator } from '../../src/tabs';

export interface TabSpec {
  /** Which tab this is: sent as `?tab=` so the server can tell the tabs apart. */
  tab: number;
  /** Share one refresh and one hold with the other tabs (false: the control, each tab alone). */
  coordinated: boolean;
  /** Where requests get the token: the plugin's own (what refresh returned), or `getAccessToken`. */
  token: 'returned' | 'getAccessToken';
  /** The coordinator's name. @default 'session' */
  name?: string;
  lockTimeoutMs?: number;
}

export interface BurstResult {
  statuses: number[];
  /** Calls of auth.refresh in this tab. */
  refreshes: number;
  /** From the common start to the last answer, in ms. */
  ms: number;
  events: string[];
  /** What onToken was given in this tab, in order. */
  published: Array<{ token: string | undefined; expiresAt: number | undefined }>;
}

const state: {
  api?: AxiosInstance;
  coordinator?: Coordinator | undefined;
  events: string[];
  refreshes: number;
  published: BurstResult['published'];
  pending?: Promise<number>;
} = { events: [], refreshes: 0, published: [] };

const statusOf = (e: unknown): number => (axios.isAxiosError(e) ? (e.response?.status ?? -1) : -2);

/** Attaches the policy to a fresh instance of this tab. */
function setup(spec: TabSpec): void {
  // An app keeping its token in memory: another tab's token reaches it through onToken.
  let token: string | undefined;
  const onToken = ({ token: next, expiresAt }: { token: string | undefined; expiresAt: number | undefined }): void => {
    state.published.push({ token: next, expiresAt });
    token = next;
  };
  const coordinator = spec.coordinated
    ? tabsCoordinator({ name: spec.name ?? 'session', onToken, ...(spec.lockTimeoutMs !== undefined && { lockTimeoutMs: spec.lockTimeoutMs }) })
    : undefined;
  const api = axios.create();
  lib.attachStatusPolicy(api, {
    ...(coordinator && { coordinator }),
    rateLimit: { maxRetryAfterMs: 10_000 },
    onEvent: (e) => state.events.push(e.type === 'retry' ? `retry ${e.policy} ${e.status ?? ''}` : e.type === 'coordinator' ? `coordinator ${e.state}` : e.type),
    auth: {
      ...(spec.token === 'getAccessToken' && { getAccessToken: () => token }),
      refresh: async () => {
        state.refreshes++;
        const response = await api.post<{ token: string }>(`/api/token?tab=${spec.tab}`, null, { statusPolicy: false });
        token = response.data.token;
        return token;
      },
    },
  });
  Object.assign(state, { api, coordinator, events: [], refreshes: 0, published: [] });
}

const until = async (done: () => boolean, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
  return done();
};

/** `n` concurrent GETs starting at `startAt` (epoch ms, one clock for every tab). */
async function burst(spec: { tab: number; n: number; startAt: number }): Promise<BurstResult> {
  const api = state.api!;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, spec.startAt - Date.now())));
  const started = performance.now();
  const calls = Array.from({ length: spec.n }, (_, i) => api.get(`/api/me?tab=${spec.tab}&i=${i}`).then((r) => r.status, statusOf));
  const statuses = await Promise.all(calls);
  return { statuses, refreshes: state.refreshes, ms: performance.now() - started, events: state.events, published: state.published };
}

/** Starts one GET that gets a 429 and resolves once its hold is set (the retry is announced). */
async function startLimited(spec: { tab: number }): Promise<boolean> {
  state.pending = state.api!.get(`/api/limited?tab=${spec.tab}`).then((r) => r.status, statusOf);
  return until(() => state.events.some((e) => e.startsWith('retry rateLimit')), 5_000);
}

/** Whether this tab's coordinator holds some origin (a hold broadcast by another tab arrived). */
const holding = (ms: number): Promise<boolean> => until(() => state.coordinator?.holding === true, ms);

/** `n` GETs to the held origin, one after another as an app would; their statuses. */
async function sequential(spec: { tab: number; n: number }): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < spec.n; i++) out.push(await state.api!.get(`/api/items?tab=${spec.tab}&i=${i}`).then((r) => r.status, statusOf));
  return out;
}

const finishLimited = (): Promise<number> | undefined => state.pending;

/**
 * A second listener on the coordinator's channel, opened after it: the browser hands a message
 * to this tab's channels in the order they were opened, so once this one has heard `n` messages
 * the coordinator has handled them too (and refused or used each).
 */
const listener: { heard: number; channel?: BroadcastChannel } = { heard: 0 };
function listen(channelName: string): void {
  listener.channel?.close();
  listener.heard = 0;
  listener.channel = new BroadcastChannel(channelName);
  listener.channel.onmessage = () => void listener.heard++;
}
const heard = (n: number): Promise<boolean> => until(() => listener.heard >= n, 5_000);

const tabs = { setup, burst, startLimited, holding, sequential, finishLimited, listen, heard };
export type TabsPage = typeof tabs;

Object.assign(window, { tabs });
