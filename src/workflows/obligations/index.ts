// Signing obligations (4.10, 6.3, 6.6) and staff changes (4.2, 6.7).
export * from './rectification';
export * from './go-live';
export * from './dongle';
export * from './staff-change';
export * from '../kernel/case-messages';
export {
  contextChangedSignal,
  obligationContractEndedSignal,
  type ContextChange,
  type OnboardedFacts,
  type ContractEnded as ObligationContractEnded,
} from './common';
