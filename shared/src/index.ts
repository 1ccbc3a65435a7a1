import "./locale";
export * from './schemas/common';
export * from './schemas/identity';
export * from './schemas/station';
export * from './schemas/system';
export * from './schemas/request';
export * from './schemas/upload';
export * from './schemas/metrics';
export * from './holidays';
