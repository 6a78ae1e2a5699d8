export * from './aggregate-item';
export * from './reaggregate';
export * from './reaggregate-schedule';
export * from './reaggregation-trigger';
export * from './model-store';
export * from './locks';
