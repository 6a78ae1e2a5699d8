export * from './errors';
export * from './models';
export * from './cockpit';
export * from './pool';
export * from './routes';
export * from './events';
export * from './jobs';
