export * from './constants';
export * from './pseudonym';
export * from './queue';
export * from './detail';
export * from './claims';
export * from './decide';
export * from './history';
