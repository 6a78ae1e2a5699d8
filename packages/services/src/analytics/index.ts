export * from './pipeline';
export * from './quality';
export * from './labellers';
export * from './cost';
