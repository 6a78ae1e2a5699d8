export * from './select-items';
export * from './select-due';
export * from './recompute-uncertainty';
export * from './pool-view';
export { openItemCount } from './pool-queries';
