export * from './program';
export * from './commands/ingest';
export * from './commands/export';
export * from './commands/simulate';
export * from './commands/aggregate';
