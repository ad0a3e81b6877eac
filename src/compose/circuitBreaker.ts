// `axios-status-policy/compose/circuitBreaker`: that factory alone, for bundlers that do not tree-shake (Metro).
export { circuitBreaker } from '../rules/circuit-breaker/policy';
