// `axios-status-policy/compose/rateLimit`: that factory alone, for bundlers that do not tree-shake (Metro).
export { rateLimit } from '../rules/rate-limit/policy';
