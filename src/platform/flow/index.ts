export * from './definition';
export * from './engine';
export { flowActions, flowDefinitions, flowInstances, FLOW_STATUSES, FLOW_DECISIONS, type TFlowStatus, type TFlowDecision } from './schema';
