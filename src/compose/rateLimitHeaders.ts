// `axios-status-policy/compose/rateLimitHeaders`: that factory alone, for bundlers that do not tree-shake (Metro).
export { rateLimitHeaders } from '../rules/rate-limit/headers-policy';
