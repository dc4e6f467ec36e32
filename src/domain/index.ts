export * from './commands';
export * from './env';
export * from './errors';
export * from './matching';
export * from './records';
export * from './rights';
export * from './scan';
export * from './schemas';
