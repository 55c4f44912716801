// Every workflow the worker runs. Each capability adds one export line.
export { pingWorkflow } from './ping';
export { faultCaseWorkflow } from './fault-case';
export * from './obligations';
export * from './cycles';
export { serviceRequestWorkflow } from './service-request';
