export * from './body';
export * from './copy-row';
export * from './limits';
export * from './ingest-samples';
