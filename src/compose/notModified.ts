// `axios-status-policy/compose/notModified`: that factory alone, for bundlers that do not tree-shake (Metro).
export { notModified } from '../rules/not-modified/policy';
