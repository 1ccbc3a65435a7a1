import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export declare const INDEX: Readonly<{ GSI1: 'GSI1'; GSI2: 'GSI2'; GSI3: 'GSI3'; GSI4: 'GSI4'; GSI5: 'GSI5' }>;
export declare const TTL_ATTRIBUTE: 'expiresAt';
export declare function mainTableDefinition(): Omit<CreateTableCommandInput, 'TableName'>;
export declare function mainTableName(stage: string): string;
export declare function cloudFormation(): Record<string, unknown>;
