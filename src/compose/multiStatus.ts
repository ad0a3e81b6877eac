// `axios-status-policy/compose/multiStatus`: that factory alone, for bundlers that do not tree-shake (Metro).
export { multiStatus } from '../rules/multi-status/policy';
