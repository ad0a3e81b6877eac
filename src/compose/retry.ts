// `axios-status-policy/compose/retry`: that factory alone, for bundlers that do not tree-shake (Metro).
export { retry } from '../rules/retry/policy';
