export * from './worker';
export * from './registry';
