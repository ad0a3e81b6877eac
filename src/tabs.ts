// `axios-status-policy/tabs`: one token refresh and one 429/503 hold shared by the browser tabs of
// one origin (docs/tabs.md). Its own entry, so apps that do not need it carry none of it.
export { tabsCoordinator } from './coordinator/tabs';
export type { TabsCoordinatorOptions } from './coordinator/tabs';
export type { PublishedToken } from './coordinator/tabs-messages';
export type { Coordinator } from './coordinator/coordinator';
